// 一张蓝图标准页面: the map, the layer tree, the project's red line, identify, measure, coordinates, the compliance
// review and printing. Sets document.body.dataset.mapReady = '1' (and window.ob.ready) once the first full map is drawn.
import 'ol/ol.css';
import './app.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import { toLonLat, transformExtent } from 'ol/proj.js';
import { createEmpty, extend, isEmpty } from 'ol/extent.js';
import { config, getJson } from './api.js';
import { blueprintLayer, geojson, loads } from './layers.js';
import { renderTree } from './tree.js';
import { redLineStyle } from './styles.js';
import { createIdentify } from './identify.js';
import { createMeasure } from './measure.js';
import { trackPointer } from './coords.js';
import { createCompliance } from './compliance.js';
import { escapeHtml } from './format.js';
import { assessmentLayer, ASSESSMENT_STYLE } from './assessment.js';

const t0 = performance.now();
const panel = document.getElementById('ob-panel');
const projectBox = document.createElement('div');
const resultBox = document.createElement('div');
const identifyBox = document.createElement('div');
projectBox.id = 'ob-project'; resultBox.id = 'ob-result'; identifyBox.id = 'ob-identify';
panel.append(projectBox, resultBox, identifyBox);

const map = new Map({
  target: 'ob-map',
  controls: defaultControls({ attribution: false }).extend([new ScaleLine({ units: 'metric' })]),
  view: new View({ projection: 'EPSG:3857', center: [12653000, 4128000], zoom: 10, maxZoom: 20 }),
});
const ob = { map, layers: {}, config, ready: false, timings: {}, geojsonLonLat: GeoJSON, toLonLat };
window.ob = ob;

const note = document.getElementById('ob-note');
if (config.note) note.textContent = config.note;

async function start() {
  map.updateSize(); // the panels' layout may have settled after the map was created
  // The first requests go out together: the catalogue, the published assessment areas and the project's red line.
  const projectWanted = Boolean(config.projectCode && config.projects);
  const [catalogue, assessment, projectData] = await Promise.all([
    getJson('/api/v1/layers'),
    assessmentLayer(),
    projectWanted ? fetchProject(config.projectCode) : null,
  ]);
  const rows = [];
  const cityExtent = createEmpty();
  for (const entry of catalogue) {
    if (!entry.isPublic && config.mode === 'public') continue; // non-public layers need a signed link
    if (entry.currentVersion == null) continue;
    const layer = blueprintLayer(entry);
    // The four lines and the base map's urban areas start hidden at city scale only if there is no project to look at.
    ob.layers[entry.code] = layer;
    map.addLayer(layer);
    rows.push({ group: entry.group, title: entry.nameZh, layer, style: entry.style, hint: entry.description });
    if (entry.bbox && (entry.code === 'XZQH' || entry.group === '三区三线')) extend(cityExtent, transformExtent(entry.bbox, 'EPSG:4326', 'EPSG:3857'));
  }

  if (assessment) {
    ob.layers.QYPG = assessment;
    map.addLayer(assessment);
    rows.push({ group: '区域评估', title: '区域评估范围（已发布）', layer: assessment, style: ASSESSMENT_STYLE, hint: '点击区域查看评估事项、有效期和可复用的审批事项' });
  }

  const redLine = new VectorLayer({ source: new VectorSource(), style: redLineStyle, zIndex: 5001, properties: { code: 'REDLINE', title: '项目红线', identify: true } });
  map.addLayer(redLine);
  ob.layers.REDLINE = redLine;
  const compliance = config.compliance ? createCompliance(map, resultBox, config) : null;
  if (compliance) {
    ob.compliance = compliance;
    rows.push({ group: '项目', title: '绘制/上传的红线', layer: compliance.layers.drawnLayer, style: { stroke: '#ff0000' } });
    rows.push({ group: '项目', title: '审查冲突部分', layer: compliance.layers.partsLayer, style: { fill: '#d50000', fillOpacity: 0.45, stroke: '#d50000' } });
  }

  let fitted = false;
  if (config.projectCode && config.projects) {
    rows.unshift({ group: '项目', title: `项目红线 ${config.projectCode}`, layer: redLine, style: { stroke: '#ff0000', fill: '#ff0000', fillOpacity: 0.06 } });
    fitted = showProject(config.projectCode, projectData, redLine);
  } else if (config.projectCode) {
    projectBox.innerHTML = `<h2>项目</h2><p class="ob-muted">项目 ${escapeHtml(config.projectCode)} 的红线需要授权链接才能查看。</p>`;
  }
  renderTree(document.getElementById('ob-tree'), rows, map);
  if (!fitted && !isEmpty(cityExtent)) map.getView().fit(cityExtent, { padding: [20, 20, 20, 20] });

  tools(compliance);
  trackPointer(map, document.getElementById('ob-coords'));
  watchReady();
}

/** The project and its red line (EPSG:3857), or {error} when the red line cannot be had. */
async function fetchProject(code) {
  try {
    const [project, red] = await Promise.all([
      getJson(`/api/v1/projects/${encodeURIComponent(code)}`).catch(() => null),
      getJson(`/api/v1/projects/${encodeURIComponent(code)}/redline?crs=EPSG:3857`),
    ]);
    return { project, red };
  } catch (e) {
    return { error: e };
  }
}

function showProject(code, { project, red, error }, redLine) {
  try {
    if (error) throw error;
    const features = geojson.readFeatures(red);
    redLine.getSource().addFeatures(features);
    const extent = redLine.getSource().getExtent();
    map.getView().fit(extent, { padding: [80, 80, 80, 80], maxZoom: 17 });
    ob.redLineExtent = extent;
    projectBox.innerHTML = `<h2>项目</h2><dl class="ob-dl"><dt>项目代码</dt><dd>${escapeHtml(code)}</dd>` +
      (project ? `<dt>项目名称</dt><dd>${escapeHtml(project.name)}</dd><dt>项目类别</dt><dd>${escapeHtml(project.category ?? '—')}</dd>` : '') +
      `<dt>地块</dt><dd>${features.length} 个</dd></dl>`;
    return true;
  } catch (e) {
    projectBox.innerHTML = `<h2>项目</h2><p class="ob-error">项目 ${escapeHtml(code)} 的红线无法加载：${escapeHtml(e.message)}</p>`;
    return false;
  }
}

function tools(compliance) {
  const nav = document.getElementById('ob-tools');
  const identify = createIdentify(map, identifyBox);
  const measure = createMeasure(map);
  const buttons = [
    ['identify', '查询'], ['line', '测距'], ['area', '测面'],
    ...(compliance ? [['draw', '绘制红线'], ['upload', '上传红线']] : []),
    ['clear', '清除'], ['print', '打印'],
  ];
  nav.innerHTML = buttons.map(([id, label]) => id === 'upload'
    ? `<label class="ob-button" data-tool="upload">${label}<input type="file" id="ob-upload" accept=".txt,.geojson,.json" hidden></label>`
    : `<button type="button" class="ob-button" data-tool="${id}">${label}</button>`).join('');
  if (!compliance) nav.insertAdjacentHTML('beforeend', '<span class="ob-muted ob-nocheck">合规性审查需授权链接</span>');

  const select = (tool) => {
    nav.querySelectorAll('[data-tool]').forEach((b) => b.classList.toggle('ob-active', b.dataset.tool === tool));
    measure.stop(); compliance?.stopDraw();
    identify.setEnabled(tool === 'identify');
    if (tool === 'line') measure.start('LineString');
    if (tool === 'area') measure.start('Polygon');
    if (tool === 'draw') compliance.startDraw();
  };
  nav.addEventListener('click', (e) => {
    const tool = e.target.closest('[data-tool]')?.dataset.tool;
    if (!tool || tool === 'upload') return;
    if (tool === 'clear') { measure.clear(); compliance?.clear(); identifyBox.innerHTML = ''; return select('identify'); }
    if (tool === 'print') return window.print();
    select(tool);
  });
  document.getElementById('ob-upload')?.addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    select('identify');
    await compliance.upload(file);
    e.target.value = '';
  });
  select('identify');
  window.addEventListener('beforeprint', () => { note.textContent = `打印时间 ${new Date().toLocaleString('zh-CN')}　坐标系 CGCS2000`; });
}

// Ready: every load the first view asked for has finished and the map has drawn them.
function watchReady() {
  const check = () => {
    if (ob.ready || loads.pending > 0 || loads.started === 0) return;
    map.once('rendercomplete', () => {
      if (ob.ready || loads.pending > 0) return;
      ob.ready = true;
      ob.timings.firstMapMs = Math.round(performance.now() - t0);
      ob.timings.sinceNavigationMs = Math.round(performance.now());
      document.body.dataset.mapReady = '1';
      if (loads.errors.length) note.textContent = `部分图层加载失败：${loads.errors.join('；')}`;
    });
    map.render();
  };
  loads.listeners.add(check);
  check();
}

start().catch((e) => {
  document.getElementById('ob-tree').innerHTML = `<p class="ob-error">页面初始化失败：${escapeHtml(e.message)}</p>`;
  document.body.dataset.mapError = e.message;
});
