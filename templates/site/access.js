// The access token: kept in this browser tab only (sessionStorage), entered and forgotten in its form.
const TOKEN_KEY = 'lectern-token';

/** Wires the token form; `onChange` runs after the token is set or forgotten. */
export function createAccess({ form, input, forget, status }, onChange) {
  const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';
  const show = (message) => {
    status.textContent =
      message ?? (token() ? 'A token is set for this browser tab.' : 'Paste the token to use the page.');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    input.value = '';
    show();
    onChange();
  });
  forget.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    show();
    onChange();
  });
  show();

  return {
    token,
    /** Says the server refused the token. */
    refused: () => show('The server did not accept the token. Paste the current one.'),
  };
}
