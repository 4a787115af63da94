# Reads `jfr print --events jdk.ExecutionSample` and prints the hottest frames as shares of the
# samples: self (on top of the stack), inclusive (anywhere on it, counted once a sample), and a few
# parts of the request path by the frames that stand for them.
function method(line) {
  sub(/^[ \t]+/, "", line)
  sub(/[ \t]+line:.*$/, "", line)
  sub(/\(.*$/, "", line)
  return line
}
function part(m) {
  if (m ~ /^org\.springframework\.graphql\.execution\.ContextDataFetcherDecorator\.get/) return "Spring for GraphQL: context propagation around data fetchers (ContextDataFetcherDecorator)"
  if (m ~ /^org\.springframework\.graphql\.observation\.GraphQlObservationInstrumentation\.lambda\$instrumentDataFetcher/) return "Spring for GraphQL: per-field observation (GraphQlObservationInstrumentation)"
  if (m ~ /^graphql\.execution\.instrumentation\.ChainedInstrumentation\./) return "graphql-java: the instrumentation chain (ChainedInstrumentation)"
  if (m ~ /^org\.dataloader\.DataLoaderHelper\.invokeLoader/) return "batch loads (DataLoaderHelper.invokeLoader, SQL included)"
  if (m ~ /^id\.terpadu\.access\.IdentityReadLog\.write/) return "identity-read log (IdentityReadLog.write, SQL included)"
  if (m ~ /^id\.terpadu\.access\.(Disclosure|RowScope|AccessPolicy|IdentityMask|PolicyScopedGraphQlSource)\./) return "the access policy (Disclosure, RowScope, AccessPolicy, masking, role schema)"
  if (m ~ /^graphql\.GraphQL\.parseAndValidate/) return "graphql-java: parsing and validation (GraphQL.parseAndValidate)"
  if (m ~ /^org\.springframework\.security\.oauth2\.jwt\.NimbusJwtDecoder\.decode/) return "token check (NimbusJwtDecoder.decode)"
  if (m ~ /^tools\.jackson\.|^com\.fasterxml\.jackson\./) return "Jackson (JSON)"
  if (m ~ /^org\.jooq\./) return "jOOQ (JDBC included)"
  if (m ~ /^org\.postgresql\./) return "PostgreSQL JDBC driver"
  return ""
}
/^jdk\.ExecutionSample/ { in_event = 1; depth = 0; delete seen; delete seen_part; next }
in_event && /stackTrace = \[/ { in_stack = 1; next }
in_stack && /^[ \t]*\]/ {
  in_stack = 0; in_event = 0; samples++
  next
}
in_stack {
  if ($0 ~ /^[ \t]*\.\.\.[ \t]*$/) next
  m = method($0)
  if (depth == 0) self[m]++
  depth++
  if (!(m in seen)) { seen[m] = 1; inclusive[m]++ }
  p = part(m)
  if (p != "" && !(p in seen_part)) { seen_part[p] = 1; parts[p]++ }
  next
}
END {
  if (samples == 0) { print "no samples"; exit }
  printf "%d execution samples\n\nparts of the request path (inclusive, share of samples)\n", samples
  for (p in parts) printf "%6.1f %%  %s\n", 100 * parts[p] / samples, p | "sort -rn"
  close("sort -rn")
  print "\ntop frames, self"
  for (m in self) printf "%6.1f %%  %s\n", 100 * self[m] / samples, m | "sort -rn | head -25"
  close("sort -rn | head -25")
  print "\ntop frames, inclusive"
  for (m in inclusive) printf "%6.1f %%  %s\n", 100 * inclusive[m] / samples, m | "sort -rn | head -60"
  close("sort -rn | head -60")
}
