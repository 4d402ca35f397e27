/**
 * Signing in for local development: the reader pastes a bearer token (e.g. BZPEER_USER_TOKEN from
 * .local-data/dev-tokens.env, written by deploy/local/run). The token lives in sessionStorage only, so it is gone
 * when the tab closes; it is never sent anywhere but the BZPEER APIs.
 */
const TOKEN_KEY = 'bzpeer.token';

/** The token to send as "Authorization: Bearer", or null when signed out or the token has expired. */
export function bearerToken() {
  const user = signedInUser();
  return user ? user.token : null;
}

/** The signed-in user ({subject, token}) from the stored token, or null. */
export function signedInUser() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token && decodeClaims(token);
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
    return null;
  }
  return { subject: claims.sub, token };
}

/** The claims of a JWT, or null when the text is not one. The signature is the servers' business. */
function decodeClaims(token) {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')));
  } catch {
    return null;
  }
}

/**
 * Draws the site header into <header id="site-header">: the home link and either the sign-in form or who is signed
 * in with a sign-out button. Signing in or out reloads the page, so everything is fetched as the new reader.
 */
export function renderHeader() {
  const header = document.getElementById('site-header');
  const user = signedInUser();
  header.innerHTML = `
    <a class="brand" href="/">BZPEER</a>
    <div class="session">
      ${user ? `<span data-field="signed-in-as">Signed in as <strong></strong></span>
                <button type="button" class="secondary" data-action="sign-out">Sign out</button>`
             : `<details class="sign-in">
                  <summary>Sign in</summary>
                  <form data-action="sign-in">
                    <label for="token-input">Paste a development token (BZPEER_USER_TOKEN in
                      .local-data/dev-tokens.env)</label>
                    <input id="token-input" name="token" type="password" autocomplete="off" required>
                    <button type="submit">Sign in</button>
                    <p class="error" role="alert" data-field="sign-in-error"></p>
                  </form>
                </details>`}
    </div>`;
  if (user) {
    header.querySelector('[data-field="signed-in-as"] strong').textContent = user.subject;
    header.querySelector('[data-action="sign-out"]').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      location.reload();
    });
    return;
  }
  header.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = event.target.token.value.trim();
    if (!decodeClaims(token)) {
      header.querySelector('[data-field="sign-in-error"]').textContent = 'That is not a JSON Web Token.';
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    location.reload();
  });
}
