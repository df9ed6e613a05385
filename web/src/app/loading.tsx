/** A CSS-only spinner (no antd), usable before the shell has loaded. */
export const Loading = () => (
  <div className="loading" role="status" aria-busy="true">
    <span className="loading-dot" />
  </div>
);
