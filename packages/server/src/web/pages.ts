const API_PREFIXES = ['/api/', '/open311/', '/healthz'];

/** Paths that belong to the API: they never fall back to the console's index.html. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path === '/open311' || API_PREFIXES.some((p) => path.startsWith(p));
}

/** What `/` shows when the console has not been built: how to build it, in both languages. */
export function notBuiltPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CivicGrid — 控制台尚未构建 / console not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6}
code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}</style></head>
<body>
<h1>Web 控制台尚未构建</h1>
<p>服务器运行正常，但 <code>packages/web/dist</code> 中没有构建好的控制台。请运行
<code>npm run build</code>（或直接 <code>npm start</code>，它会自动构建）。</p>
<h1 lang="en">The web console is not built</h1>
<p lang="en">The server is running, but there is no built console in <code>packages/web/dist</code>.
Run <code>npm run build</code> (or <code>npm start</code>, which builds it when needed).</p>
<p>API: <a href="/api/docs">/api/docs</a> · <a href="/healthz">/healthz</a></p>
</body></html>`;
}
