/** The token TradingView's socket accepts from a visitor who is not signed in: quotes come delayed. */
export const ANONYMOUS_TOKEN = 'unauthorized_user_token';

export type TvSignIn = { token: string; delayed: false } | { token: typeof ANONYMOUS_TOKEN; delayed: true; reason: string };

/**
 * Signs in the way a browser does: the chart page, fetched with the `sessionid` cookie, carries
 * the user's socket auth token. Without a cookie, or when TradingView does not accept it, the feed
 * is anonymous and delayed, and the reason says so. The cookie is never put in a message.
 */
export async function signIn(chartUrl: string, sessionId: string | null): Promise<TvSignIn> {
  if (!sessionId) return { token: ANONYMOUS_TOKEN, delayed: true, reason: 'no JT_TV_SESSION_ID: anonymous TradingView session, quotes are delayed' };
  try {
    const response = await fetch(chartUrl, { headers: { cookie: `sessionid=${sessionId}` }, redirect: 'follow', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return anonymous(`the chart page answered HTTP ${response.status}`);
    const token = /"auth_token":"([^"]+)"/.exec(await response.text())?.[1];
    if (!token) return anonymous('the chart page carried no auth token (JT_TV_SESSION_ID expired or wrong)');
    return { token, delayed: false };
  } catch (error) {
    return anonymous(`the chart page could not be read (${(error as Error).message})`);
  }
}

function anonymous(why: string): TvSignIn {
  return { token: ANONYMOUS_TOKEN, delayed: true, reason: `TradingView sign-in failed: ${why}; anonymous session, quotes are delayed` };
}
