/**
 * What the OpenAPI document must say of every operation (CONTRIBUTING.md, "API contract"): at
 * least one success answer with its content described (a schema per media type), or a 204.
 * `npm run api:types:check` (a step of `npm test`) fails naming each operation that does not.
 */
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

export function undescribedOperations(doc: { paths?: Record<string, Record<string, unknown>> }): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const responses = (value as Operation).responses ?? {};
      const described = Object.entries(responses).some(
        ([status, r]) =>
          status === '204' ||
          (/^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((m) => m.schema !== undefined)),
      );
      if (!described) missing.push(`${method.toUpperCase()} ${path}`);
    }
  return missing;
}
