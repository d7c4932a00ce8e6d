// Drawing or uploading a red line and reviewing it against the blueprint (合规性审查). While a polygon is drawn or a
// vertex dragged, the check re-runs with dryRun=true (nothing stored) at most every ~150 ms, so the overlap areas follow
// the pointer; finishing the polygon, a drag or an upload runs the stored check, whose answer links to the report.
import Draw from 'ol/interaction/Draw.js';
import Modify from 'ol/interaction/Modify.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { runCheck } from './api.js';
import { redLineStyle, partStyle } from './styles.js';
import { area, escapeHtml, shortArea, verdictZh } from './format.js';

const lonLat = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
const DEBOUNCE_MS = 150;

export function createCompliance(map, panel, config) {
  const drawn = new VectorSource();
  const parts = new VectorSource();
  const drawnLayer = new VectorLayer({ source: drawn, style: redLineStyle, zIndex: 5000, properties: { code: 'DRAWN', title: '绘制/上传的红线' } });
  const partsLayer = new VectorLayer({ source: parts, style: partStyle, zIndex: 4990, properties: { code: 'CHECK', title: '合规审查冲突部分', identify: true } });
  map.addLayer(partsLayer);
  map.addLayer(drawnLayer);

  let draw = null;
  const modify = new Modify({ source: drawn });
  modify.setActive(false);
  map.addInteraction(modify);

  // Live checks: one in flight at a time; a newer geometry aborts the older request.
  let timer = null;
  let inflight = null;
  let seq = 0;
  function live(geometry) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const coords = geometry.getCoordinates()[0];
      if (!coords || coords.length < 4) return;
      check(lonLat.writeGeometry(geometry), 'application/geo+json', { dryRun: 'true', includeParts: 'false' }, '实时');
    }, DEBOUNCE_MS);
  }

  async function check(body, contentType, query, mode, fileName) {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    const mine = ++seq;
    panel.dataset.state = 'checking';
    try {
      const started = performance.now();
      const answer = await runCheck(body, contentType, query, controller.signal);
      if (mine !== seq) return null;
      if (query.includeParts !== 'false') showParts(answer);
      showResult(answer, mode, performance.now() - started, fileName); // last: data-state=done means the map has the parts too
      return answer;
    } catch (e) {
      if (e.name === 'AbortError') return null;
      panel.dataset.state = 'error';
      panel.innerHTML = `<h2>合规性审查</h2><p class="ob-error">审查失败：${escapeHtml(e.message)}</p>`;
      return null;
    }
  }

  function showParts(answer) {
    parts.clear();
    drawnFromParts(answer);
    for (const layer of answer.layers || []) {
      if (layer.verdict === 'pass' || !layer.parts) continue;
      const part = lonLat.readFeature({ type: 'Feature', geometry: layer.measure === 'outside' ? layer.outsidePart : layer.parts, properties: {} });
      if (!part.getGeometry()) continue;
      part.setProperties({ 图层: layer.name, 图层代码: layer.code, 结论: verdictZh[layer.verdict], verdict: layer.verdict, 面积m2: Number((layer.measure === 'outside' ? layer.outsideAreaM2 : layer.overlapAreaM2).toFixed(2)) });
      parts.addFeature(part);
    }
  }

  // An uploaded TXT is read by the server; its outline is the union of the parts inside and outside the urban
  // development boundary (CZKFBJ measures both), which the answer carries.
  let uploadedOutline = false;
  function drawnFromParts(answer) {
    if (!uploadedOutline) return;
    const urban = (answer.layers || []).find((l) => l.code === 'CZKFBJ');
    for (const g of [urban?.parts, urban?.outsidePart]) if (g) drawn.addFeature(lonLat.readFeature({ type: 'Feature', geometry: g, properties: {} }));
    uploadedOutline = false;
    const extent = drawn.getExtent();
    if (drawn.getFeatures().length) map.getView().fit(extent, { padding: [60, 60, 60, 60], maxZoom: 17 });
  }

  function showResult(answer, mode, ms, fileName) {
    const red = answer.redLine || {};
    const rows = (answer.layers || []).map((l) => {
      const measured = l.measure === 'outside' ? l.outsideAreaM2 : l.overlapAreaM2;
      return `<tr class="ob-v-${l.verdict}" data-layer="${escapeHtml(l.code)}" data-verdict="${l.verdict}">` +
        `<td>${escapeHtml(l.name)}</td><td><span class="ob-badge ob-v-${l.verdict}">${verdictZh[l.verdict] || l.verdict}</span></td>` +
        `<td class="ob-num" data-area="${measured}">${l.measure === 'outside' ? '界外 ' : ''}${shortArea(measured)}</td>` +
        `<td class="ob-num">${l.measure === 'outside' ? '界内 ' : ''}${((l.overlapRatio || 0) * 100).toFixed(1)}%</td></tr>` +
        (l.verdict !== 'pass' ? `<tr class="ob-rule"><td colspan="4">${escapeHtml(l.ruleText?.zh || '')}</td></tr>` : '');
    }).join('');
    const links = answer.links
      ? `<p class="ob-links"><a href="${answer.links.report}" target="_blank" rel="noopener" data-report>查看审查报告</a> · <a href="${answer.links.pdf}" target="_blank" rel="noopener">PDF</a> · 审查编号 ${answer.id}</p>`
      : `<p class="ob-muted">实时预览（未保存）：完成绘制或松开节点后生成报告。</p>`;
    panel.dataset.state = 'done';
    panel.dataset.verdict = answer.verdict;
    panel.innerHTML = `<h2>合规性审查 <small>${escapeHtml(mode)} · ${ms.toFixed(0)} ms</small></h2>` +
      `<p class="ob-verdict ob-v-${answer.verdict}">总体结论：<b>${verdictZh[answer.verdict] || answer.verdict}</b></p>` +
      `<p>红线${fileName ? `（${escapeHtml(fileName)}）` : ''}面积 ${area(red.areaM2)}，${red.parcels ?? '—'} 个地块</p>` +
      `<table class="ob-result"><thead><tr><th>管控图层</th><th>结论</th><th>面积</th><th>占比</th></tr></thead><tbody>${rows}</tbody></table>` +
      links + (answer.warnings?.length ? `<ul class="ob-warnings">${answer.warnings.map((w) => `<li>${escapeHtml(w.what)}</li>`).join('')}</ul>` : '');
  }

  function stored(feature) {
    return check(lonLat.writeGeometry(feature.getGeometry()), 'application/geo+json', { includeParts: 'true' }, '已保存');
  }

  modify.on('modifystart', (e) => e.features.forEach((f) => f.getGeometry().on('change', onDrag)));
  function onDrag(e) { live(e.target); }
  modify.on('modifyend', (e) => {
    e.features.forEach((f) => f.getGeometry().un('change', onDrag));
    clearTimeout(timer);
    stored(e.features.item(0));
  });

  return {
    startDraw() {
      this.stopDraw();
      drawn.clear(); parts.clear();
      modify.setActive(false);
      draw = new Draw({ source: drawn, type: 'Polygon', style: redLineStyle });
      draw.on('drawstart', (e) => e.feature.getGeometry().on('change', (g) => live(g.target)));
      draw.on('drawend', (e) => {
        clearTimeout(timer);
        stored(e.feature);
        map.removeInteraction(draw); draw = null;
        modify.setActive(true); // drag a vertex to see the areas change
      });
      map.addInteraction(draw);
    },
    stopDraw() { if (draw) map.removeInteraction(draw); draw = null; },
    async upload(file) {
      this.stopDraw();
      drawn.clear(); parts.clear();
      const bytes = await file.arrayBuffer();
      const isTxt = /\.txt$/i.test(file.name);
      if (!isTxt) {
        // GeoJSON in lon/lat: show it as drawn so it can be edited; projected GeoJSON is left to the server.
        try {
          const features = lonLat.readFeatures(new TextDecoder().decode(bytes));
          const sane = features.every((f) => { const e = f.getGeometry()?.getExtent(); return e && Math.abs(e[0]) < 2e7 && Math.abs(e[1]) < 2e7; });
          if (sane && !/EPSG::?(45[0-9]{2}|2[0-9]{3})/.test(new TextDecoder().decode(bytes.slice(0, 500)))) {
            drawn.addFeatures(features);
            map.getView().fit(drawn.getExtent(), { padding: [60, 60, 60, 60], maxZoom: 17 });
          } else uploadedOutline = true;
        } catch { uploadedOutline = true; }
      } else uploadedOutline = true;
      const answer = await check(bytes, isTxt ? 'text/plain' : 'application/geo+json', { includeParts: 'true', filename: file.name }, '上传', file.name);
      if (!isTxt && drawn.getFeatures().length) modify.setActive(true);
      return answer;
    },
    clear() { this.stopDraw(); drawn.clear(); parts.clear(); modify.setActive(false); panel.innerHTML = ''; delete panel.dataset.state; },
    layers: { drawnLayer, partsLayer },
  };
}
