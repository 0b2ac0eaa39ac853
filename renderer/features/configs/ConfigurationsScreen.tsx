/** Placeholder until the configurations screen lands (issue 7). */
export function ConfigurationsScreen() {
  return <h1 tabIndex={-1}>Configurations</h1>;
}
