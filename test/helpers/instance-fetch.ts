/**
 * fetch() for a page an instance's Nginx serves: a kept-alive connection from an earlier fetch that Nginx closed
 * when a deployment restarted it fails at once (undici: "other side closed"), so such a failure is tried once more
 * on a new connection, as a browser does. Any other failure is the caller's.
 */
export async function fetchFromInstance(url: string | URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (((error as Error).cause as { code?: string } | undefined)?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}
