// Numbers and verdicts in Chinese.
export const verdictZh = { pass: '通过', warning: '需审批', conflict: '冲突' };

export function area(m2) {
  if (m2 == null || Number.isNaN(m2)) return '—';
  const mu = m2 / (10000 / 15);
  return `${m2.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} m²（${(m2 / 10000).toFixed(4)} 公顷，${mu.toFixed(2)} 亩）`;
}

export function shortArea(m2) {
  if (m2 == null) return '—';
  return m2 >= 10000 ? `${(m2 / 10000).toFixed(3)} 公顷` : `${m2.toFixed(1)} m²`;
}

export function length(m) {
  return m >= 1000 ? `${(m / 1000).toFixed(3)} km` : `${m.toFixed(1)} m`;
}

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
