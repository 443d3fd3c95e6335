// Signing in. The token typed into the form is exchanged at once for a session cookie that script
// cannot read (HttpOnly, SameSite=Strict, sent to /api/ only); the page keeps no copy of it. A site
// that keeps no sessions (deployed, where the API takes a Cognito ID token) answers 404: the token
// is then kept in this page's memory only, never in storage other pages of the site could read.
import { errorMessage } from './api-client.js';

/** Wires the sign-in form; `onChange` runs after signing in or out. */
export function createAccess({ form, input, forget, status }, { api, onChange }) {
  let session = { signedIn: false };
  let bearer = '';
  const show = (message) => {
    status.textContent =
      message ??
      (bearer
        ? 'Signed in: this site keeps no sessions, so the token is kept in this page only, until it is reloaded.'
        : session.signedIn
          ? `Signed in as ${session.name} until ${timeOf(session.expiresAt)}.`
          : 'Paste the token to sign in.');
  };

  async function signIn(token) {
    let answer;
    try {
      answer = await api.signIn(token);
    } catch {
      return show('The server could not be reached.');
    }
    if (answer.status === 200) {
      session = answer.body;
      bearer = '';
    } else if (answer.status === 404) {
      session = { signedIn: true };
      bearer = token;
    } else {
      session = { signedIn: false };
      return show(
        answer.status === 401
          ? 'The server did not accept the token. Paste the current one.'
          : errorMessage(answer),
      );
    }
    show();
    onChange();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    input.value = '';
    if (value) signIn(value);
  });
  forget.addEventListener('click', async () => {
    bearer = '';
    session = { signedIn: false };
    try {
      await api.signOut();
    } catch {
      // Signed out here either way; the cookie also ends on its own.
    }
    show();
    onChange();
  });

  return {
    /** The token to send as a bearer header: none when the session cookie stands in for it. */
    bearer: () => bearer,
    signedIn: () => session.signedIn,
    /** Asks the server whether this browser is signed in already (a cookie from an earlier visit). */
    async restore() {
      try {
        const answer = await api.session();
        if (answer.status === 200 && answer.body?.signedIn) session = answer.body;
      } catch {
        // Not reachable: the deck list says so.
      }
      show();
    },
    /** Says the server refused the token or the session ended. */
    refused: () => {
      session = { signedIn: false };
      bearer = '';
      show('The server did not accept the token, or the session has ended. Paste the current token.');
    },
  };
}

function timeOf(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
