// Talking to the OneBlueprint API (same origin) and reading the page's configuration from the HTML shell.

export const config = JSON.parse(document.getElementById('ob-config')?.textContent || '{}');

/** GET JSON; throws an Error whose message is the server's ProblemDetails title when there is one. */
export async function getJson(url, signal) {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  return readAnswer(response);
}

export async function readAnswer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) {
    const problems = body?.problems?.map((p) => `${p.what}${p.howToFix ? '（' + p.howToFix + '）' : ''}`).join('；');
    throw new Error(problems || body?.title || body?.detail || `HTTP ${response.status}`);
  }
  return body;
}

/** POST a red line to the compliance review; query: dryRun, includeParts, crs, filename. */
export async function runCheck(body, contentType, query, signal) {
  const params = new URLSearchParams(query);
  const response = await fetch(`/api/v1/compliance/checks?${params}`, {
    method: 'POST', body, signal, headers: { 'Content-Type': contentType, Accept: 'application/json' },
  });
  return readAnswer(response);
}
