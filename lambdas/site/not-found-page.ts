/** The site's 404 page: plain HTML, no script or style, so it passes the strict CSP as it is. */
export const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Not found · Lectern</title>
</head>
<body>
<main>
<h1>Not found</h1>
<p>There is nothing at this address. The deck may have been deleted, or the link mistyped.</p>
<p><a href="/">Back to the list of decks</a></p>
</main>
</body>
</html>
`;
