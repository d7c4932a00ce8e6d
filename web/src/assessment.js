// 区域评估: the published regional-assessment areas (public data) as one layer, each area labelled with its name and
// how many of its items are valid today; clicking one shows its attributes (identify).
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Fill, Stroke, Style, Text } from 'ol/style.js';
import { geojson, loads } from './layers.js';

export const ASSESSMENT_STYLE = { fill: '#00897b', fillOpacity: 0.12, stroke: '#00695c', dash: [6, 4] };

function style(feature) {
  const items = feature.get('items') || [];
  const valid = items.filter((i) => i?.state === 'valid').length;
  return new Style({
    fill: new Fill({ color: 'rgba(0, 137, 123, 0.12)' }),
    stroke: new Stroke({ color: '#00695c', width: 2, lineDash: ASSESSMENT_STYLE.dash }),
    text: new Text({
      text: `${feature.get('name') ?? ''}${items.length ? `\n${valid}/${items.length} 项有效` : ''}`,
      font: '12px "Noto Sans CJK SC", sans-serif', fill: new Fill({ color: '#004d40' }),
      stroke: new Stroke({ color: '#fff', width: 3 }), overflow: true,
    }),
  });
}

/** The layer, loading /api/v1/assessment/areas once in EPSG:3857; resolves to null when the API answers nothing. */
export async function assessmentLayer() {
  loads.pending++; loads.started++;
  try {
    const response = await fetch('/api/v1/assessment/areas?crs=EPSG:3857', { headers: { Accept: 'application/geo+json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const features = geojson.readFeatures(await response.json());
    if (!features.length) return null;
    for (const f of features) {
      // what the identify panel lists: the unit and, per item, its name, state and validity
      const items = f.get('items') || [];
      f.set('评估单元编码', f.get('unitCode'));
      f.set('评估事项', items.map((i) => `${i.itemName}（${i.state === 'valid' ? '有效' : i.state === 'expired' ? '已过期' : i.state}，${i.validFrom}—${i.validTo ?? '长期'}，${i.modeZh}）`).join('；'));
    }
    return new VectorLayer({
      source: new VectorSource({ features }),
      style,
      zIndex: 1250,
      declutter: 'assessment',
      properties: { code: 'QYPG', title: '区域评估范围', identify: true },
    });
  } catch (e) {
    loads.errors.push(`区域评估: ${e.message}`);
    return null;
  } finally {
    loads.pending--; loads.listeners.forEach((f) => f());
  }
}
