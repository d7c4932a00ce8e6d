// The layer tree: groups 三区三线 / 四线 / 区域评估 / 差异图斑 / 项目 / 行政区划 / 基础地理, each layer with its legend
// swatch (from the catalogue style), a visibility checkbox and an opacity slider.
import { rgba } from './styles.js';
import { escapeHtml } from './format.js';

export const GROUPS = ['三区三线', '四线', '区域评估', '差异图斑', '项目', '行政区划', '基础地理'];
const PLACEHOLDERS = {
  区域评估: '暂无已发布的区域评估成果。',
  差异图斑: '差异图斑属于规划部门的工作数据，不在标准页面公开：请用 API 密钥在 /api/v1/analysis 或 OGC 集合 patches 中查看。',
};

function swatch(style = {}) {
  const fill = rgba(style.fill, style.fillOpacity ?? 0.3) || 'transparent';
  const dash = style.dash ? 'dashed' : 'solid';
  return `<span class="ob-swatch" style="background:${fill};border:2px ${dash} ${style.stroke || '#999'}"></span>`;
}

/** rows: [{group, title, layer, style, hint}] — layer may be null for a placeholder. */
export function renderTree(container, rows, map) {
  container.innerHTML = '<h2>图层</h2>';
  for (const group of GROUPS) {
    const members = rows.filter((r) => r.group === group);
    if (!members.length && !PLACEHOLDERS[group]) continue;
    const section = document.createElement('details');
    section.open = group !== '基础地理';
    section.className = 'ob-group';
    section.dataset.group = group;
    section.innerHTML = `<summary>${escapeHtml(group)}</summary>`;
    if (!members.length) section.insertAdjacentHTML('beforeend', `<p class="ob-muted ob-placeholder">${escapeHtml(PLACEHOLDERS[group])}</p>`);
    for (const row of members) section.appendChild(layerRow(row, map));
    container.appendChild(section);
  }
}

function layerRow(row, map) {
  const div = document.createElement('div');
  div.className = 'ob-layer';
  const layer = row.layer;
  div.dataset.layer = layer.get('code');
  div.innerHTML = `<label title="${escapeHtml(row.hint || '')}"><input type="checkbox" ${layer.getVisible() ? 'checked' : ''}>` +
    `${swatch(row.style)}<span class="ob-layer-name">${escapeHtml(row.title)}</span></label>` +
    `<input type="range" min="0" max="100" value="${Math.round(layer.getOpacity() * 100)}" aria-label="${escapeHtml(row.title)} 透明度" title="不透明度">` +
    `<small class="ob-layer-note"></small>`;
  div.querySelector('input[type=checkbox]').addEventListener('change', (e) => layer.setVisible(e.target.checked));
  div.querySelector('input[type=range]').addEventListener('input', (e) => layer.setOpacity(e.target.value / 100));
  const note = div.querySelector('.ob-layer-note');
  const update = () => {
    const resolution = map.getView().getResolution();
    const hidden = layer.getMaxResolution() < Infinity && resolution >= layer.getMaxResolution();
    note.textContent = hidden ? '放大后显示' : layer.get('truncated') ? '要素较多，仅显示部分' : '';
  };
  map.getView().on('change:resolution', update);
  layer.on('propertychange', update);
  update();
  return div;
}
