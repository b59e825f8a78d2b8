import { CONTEXT_ELEMENT_ID, CONTEXT_PATH, type ConsoleContext } from '../../shared/console-event.js';
import { setCaller, type Caller } from './aws.js';
import type { ConsoleCredentials } from './sigv4.js';

const STORAGE_KEY = 'codepipeline-local.console.caller';
/** The access key is kept for the tab's session only (sessionStorage), never across browser restarts. */
const CREDENTIALS_KEY = 'codepipeline-local.console.credentials';

function storedCredentials(): ConsoleCredentials | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(CREDENTIALS_KEY) ?? 'null') as ConsoleCredentials | null;
    return value?.accessKeyId && value.secretAccessKey ? value : undefined;
  } catch {
    return undefined;
  }
}

function withCredentials(caller: Caller): Caller {
  const credentials = storedCredentials();
  return credentials ? { ...caller, credentials } : caller;
}

function stored(): Caller | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Caller | null;
    return value && /^\d{12}$/.test(value.account) && value.region ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The defaults the server wrote into the page (index.html served by the emulator), if any. */
function embedded(): ConsoleContext | undefined {
  try {
    const value = JSON.parse(document.getElementById(CONTEXT_ELEMENT_ID)?.textContent ?? 'null') as ConsoleContext | null;
    return value?.account && value.region ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The account and region to call as, known without a request (chosen before, or written into the page); sets them. */
export function initialCaller(): Caller | undefined {
  const found = stored() ?? embedded();
  const caller = found && withCredentials(found);
  if (caller) setCaller(caller);
  return caller;
}

/** Learns the server's default account and region (or the ones this browser chose before) and calls as them. */
export async function loadCaller(): Promise<Caller> {
  const known = initialCaller();
  if (known) return known;
  const response = await fetch(CONTEXT_PATH, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The console's context did not load (HTTP ${response.status} from ${CONTEXT_PATH})`);
  const defaults = (await response.json()) as ConsoleContext;
  const caller = withCredentials(stored() ?? defaults);
  setCaller(caller);
  return caller;
}

/** Switches the account and region the console works in, remembered by this browser. */
export function chooseCaller(caller: Caller): void {
  const { credentials, ...place } = caller;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(place));
  if (credentials) sessionStorage.setItem(CREDENTIALS_KEY, JSON.stringify(credentials));
  else sessionStorage.removeItem(CREDENTIALS_KEY);
  setCaller(caller);
}
