import { listPolicies, listRoles, listUsers, recentDenials, type Denial, type IamEntity } from '../../api/iam.js';
import { ErrorPanel, Loading } from '../../components/feedback.js';
import { PageHeader } from '../../components/page-header.js';
import { useLiveQuery } from '../../lib/use-live-query.js';

async function loadAccess(signal: AbortSignal): Promise<{ users: IamEntity[]; roles: IamEntity[]; policies: IamEntity[] }> {
  // All three at once, but a refusal is reported in this order, so the same caller always sees the same one.
  const [users, roles, policies] = await Promise.allSettled([listUsers(signal), listRoles(signal), listPolicies(signal)]);
  const refused = [users, roles, policies].find((r) => r.status === 'rejected');
  if (refused) throw refused.reason;
  return { users: valueOf(users), roles: valueOf(roles), policies: valueOf(policies) };
}

function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

function EntityTable({ title, rows, testId, attachments }: { title: string; rows: IamEntity[]; testId: string; attachments?: boolean }) {
  return (
    <div class="card">
      <h2>
        {title} <span class="count">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <table class="table" data-testid={testId}>
          <thead>
            <tr>
              <th>Name</th>
              <th>ARN</th>
              {attachments && <th>Attached to</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.arn}>
                <td class="strong">{r.name}</td>
                <td>
                  <code>{r.arn}</code>
                </td>
                {attachments && <td>{r.attachments}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

async function loadDenials(signal: AbortSignal): Promise<Denial[] | undefined> {
  return recentDenials(signal);
}

/** The refusals the emulator recorded, newest first: who, what, on what, where, and AWS's reason. */
function RecentDenialsCard() {
  const query = useLiveQuery('denials', loadDenials, () => false);
  if (query.data === undefined && query.error === undefined) return null;
  return (
    <div class="card" data-testid="iam-denials">
      <h2>Recent denials {query.data && <span class="count">({query.data.length})</span>}</h2>
      <p class="hint">Why a call or a pipeline action was refused (serve --iam keeps the last 100 while it runs). Refresh the page to see new ones.</p>
      {query.error !== undefined && <ErrorPanel title="The denials could not be read" error={query.error} onRetry={query.reload} />}
      {query.data?.length === 0 && <p class="muted">Nothing was denied yet.</p>}
      {query.data && query.data.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Resource</th>
              <th>Where</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {query.data.map((d, i) => (
              <tr key={`${d.atMs}-${i}`}>
                <td>{new Date(d.atMs).toLocaleTimeString()}</td>
                <td>
                  <code>{d.principalArn}</code>
                </td>
                <td>
                  <code>{d.action}</code>
                </td>
                <td>
                  <code>{d.resource}</code>
                </td>
                <td>{d.where}</td>
                <td class="wrap">{d.message.includes('explicit deny') ? 'A policy denies it explicitly.' : `No policy allows ${d.action} on this resource.`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The account's IAM users, roles and customer managed policies (with serve --iam, what policies are evaluated against). */
export function AccessList() {
  // IAM changes emit no engine event: the lists load again when the page becomes visible.
  const query = useLiveQuery('access', loadAccess, () => false);
  return (
    <>
      <PageHeader crumbs={[{ label: 'IAM' }, { label: 'Access' }]} title="Users, roles and policies" />
      {query.error !== undefined && <ErrorPanel title="IAM could not be read" error={query.error} onRetry={query.reload} />}
      {query.loading && !query.data ? (
        <Loading what="IAM" />
      ) : query.data ? (
        <>
          <EntityTable title="Users" rows={query.data.users} testId="iam-users" />
          <EntityTable title="Roles" rows={query.data.roles} testId="iam-roles" />
          <EntityTable title="Customer managed policies" rows={query.data.policies} testId="iam-policies" attachments />
          <RecentDenialsCard />
        </>
      ) : null}
    </>
  );
}
