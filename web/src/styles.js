// OpenLayers styles from the layer catalogue's style hints (fill, fillOpacity, stroke, strokeWidth, dash).
import { Fill, Stroke, Style, Text, Circle } from 'ol/style.js';

export function rgba(hex, opacity = 1) {
  if (!hex || hex === 'none') return null;
  const h = hex.replace('#', '');
  const n = parseInt(h.length === 3 ? h.split('').map((c) => c + c).join('') : h, 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${opacity})`;
}

export function catalogueStyle(style = {}, geometryType = 'Polygon') {
  const fill = rgba(style.fill, style.fillOpacity ?? 0.3);
  const stroke = style.stroke ? new Stroke({ color: style.stroke, width: style.strokeWidth ?? 1, lineDash: style.dash }) : undefined;
  return new Style({
    fill: fill && !geometryType.includes('Line') ? new Fill({ color: fill }) : undefined,
    stroke,
    image: new Circle({ radius: 4, fill: new Fill({ color: style.stroke || '#333' }) }),
  });
}

/** District style with its name (XZQMC) as a label. */
export function labelledStyle(base, attribute) {
  const cache = new Map();
  return (feature, resolution) => {
    const name = feature.get(attribute);
    if (!name || resolution > 400) return base;
    if (!cache.has(name)) {
      cache.set(name, [base, new Style({
        text: new Text({
          text: String(name), font: '600 14px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
          fill: new Fill({ color: '#424242' }), stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }), overflow: true,
        }),
      })]);
    }
    return cache.get(name);
  };
}

// The project's red line: pure red over a white halo, drawn above everything (the control layers' own reds are darker).
export const RED_LINE = '#ff0000';
export const redLineStyle = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 6 }) }),
  new Style({ stroke: new Stroke({ color: RED_LINE, width: 3 }), fill: new Fill({ color: 'rgba(255,0,0,0.06)' }) }),
];

export const highlightStyle = new Style({
  stroke: new Stroke({ color: '#00e5ff', width: 3 }), fill: new Fill({ color: 'rgba(0,229,255,0.15)' }),
});

const verdictColours = { conflict: '#d50000', warning: '#ff6d00', pass: '#2e7d32' };
export function partStyle(feature) {
  const colour = verdictColours[feature.get('verdict')] || '#d50000';
  return new Style({ fill: new Fill({ color: rgba(colour, 0.45) }), stroke: new Stroke({ color: colour, width: 1.5, lineDash: [4, 3] }) });
}

export const measureStyle = new Style({
  fill: new Fill({ color: 'rgba(33,150,243,0.15)' }),
  stroke: new Stroke({ color: '#1565c0', width: 2, lineDash: [6, 4] }),
  image: new Circle({ radius: 4, fill: new Fill({ color: '#1565c0' }) }),
});
