// The blueprint's layers as OpenLayers vector layers, each loading GeoJSON for the visible extent (bbox strategy) in
// EPSG:3857 straight from /api/v1/layers/{code}/features, so the browser never reprojects.
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { bbox as bboxStrategy } from 'ol/loadingstrategy.js';
import { catalogueStyle, labelledStyle } from './styles.js';

const PAGE = 10000;
export const geojson = new GeoJSON({ dataProjection: 'EPSG:3857', featureProjection: 'EPSG:3857' });

// Drawing order: base map below, then the control lines, then the four lines.
const Z = { 基础地理: 1, 行政区划: 5, 三区三线: 10, 四线: 20 };
// Layers with many small features load only when zoomed in far enough to see them (resolution in m/px).
const MAX_RESOLUTION = { YJJBNTBHTB: 40 };

/** Tracks loads so the page can say when the map is complete (data-map-ready, for people and tests). */
export const loads = { pending: 0, started: 0, errors: [], listeners: new Set() };
function changed() { loads.listeners.forEach((f) => f()); }

export function blueprintLayer(entry) {
  const source = new VectorSource({
    strategy: bboxStrategy,
    loader: async (extent, resolution, projection, success, failure) => {
      loads.pending++; loads.started++;
      const url = `/api/v1/layers/${encodeURIComponent(entry.code)}/features?bbox=${extent.map((v) => v.toFixed(2)).join(',')}` +
        `&bbox-crs=EPSG:3857&crs=EPSG:3857&limit=${PAGE}`;
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const features = geojson.readFeatures(await response.json());
        source.addFeatures(features);
        if (features.length >= PAGE) layer.set('truncated', true);
        success(features);
      } catch (e) {
        loads.errors.push(`${entry.nameZh}: ${e.message}`);
        source.removeLoadedExtent(extent);
        failure();
      } finally {
        loads.pending--; changed();
      }
    },
  });
  const base = catalogueStyle(entry.style, entry.geometryType);
  const layer = new VectorLayer({
    source,
    style: entry.code === 'XZQH' ? labelledStyle(base, 'XZQMC') : base,
    zIndex: (Z[entry.group] ?? 15) * 100 + Math.min(99, Math.round(entry.sortOrder / 10)),
    maxResolution: MAX_RESOLUTION[entry.code],
    declutter: entry.code === 'XZQH' ? 'labels' : false,
    properties: { code: entry.code, title: entry.nameZh, identify: true, entry },
  });
  return layer;
}
