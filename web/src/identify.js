// Click to identify: every feature of the blueprint's layers under the pointer, with its attributes.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { highlightStyle } from './styles.js';
import { escapeHtml } from './format.js';

export function createIdentify(map, panel) {
  const highlight = new VectorLayer({ source: new VectorSource(), style: highlightStyle, zIndex: 6000 });
  map.addLayer(highlight);
  let enabled = true;

  map.on('singleclick', (event) => {
    if (!enabled) return;
    const hits = [];
    map.forEachFeatureAtPixel(event.pixel, (feature, layer) => {
      if (hits.length < 6) hits.push({ feature, layer });
    }, { hitTolerance: 3, layerFilter: (l) => l.get('identify') === true });
    highlight.getSource().clear();
    if (!hits.length) {
      panel.innerHTML = '<h2>要素查询</h2><p class="ob-muted">此处没有要素。点击地图上的图斑查看属性。</p>';
      return;
    }
    highlight.getSource().addFeature(hits[0].feature.clone());
    panel.innerHTML = '<h2>要素查询</h2>' + hits.map(({ feature, layer }) => {
      const props = feature.getProperties();
      const rows = Object.entries(props).filter(([k, v]) => k !== feature.getGeometryName() && (v === null || typeof v !== 'object'))
        .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td data-attr="${escapeHtml(k)}">${escapeHtml(v)}</td></tr>`).join('');
      return `<section class="ob-identify" data-layer="${escapeHtml(layer.get('code'))}"><h3>${escapeHtml(layer.get('title'))}` +
        `${feature.getId() != null ? ` <small>#${escapeHtml(feature.getId())}</small>` : ''}</h3><table>${rows}</table></section>`;
    }).join('');
    panel.scrollIntoView?.({ block: 'nearest' });
  });

  return {
    setEnabled(on) { enabled = on; if (!on) highlight.getSource().clear(); },
  };
}
