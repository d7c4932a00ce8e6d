// Measuring distance and area with ol/sphere (great circles on a sphere of the mean Earth radius; for
// parcels of a few km the difference from the GK plane is well under 0.1 %).
import Draw from 'ol/interaction/Draw.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import Overlay from 'ol/Overlay.js';
import { getArea, getLength } from 'ol/sphere.js';
import { measureStyle } from './styles.js';
import { area, length } from './format.js';

export function createMeasure(map) {
  const source = new VectorSource();
  map.addLayer(new VectorLayer({ source, style: measureStyle, zIndex: 6100 }));
  const overlays = [];
  let draw = null;

  function label() {
    const element = document.createElement('div');
    element.className = 'ob-measure-tip';
    const overlay = new Overlay({ element, offset: [0, -12], positioning: 'bottom-center', stopEvent: false });
    map.addOverlay(overlay);
    overlays.push(overlay);
    return overlay;
  }

  return {
    start(type) {
      this.stop();
      draw = new Draw({ source, type, style: measureStyle });
      map.addInteraction(draw);
      let tip = null;
      draw.on('drawstart', (event) => {
        tip = label();
        event.feature.getGeometry().on('change', (e) => {
          const geometry = e.target;
          if (type === 'Polygon') {
            tip.getElement().textContent = `面积 ${area(getArea(geometry))}`;
            tip.setPosition(geometry.getInteriorPoint().getCoordinates());
          } else {
            tip.getElement().textContent = `长度 ${length(getLength(geometry))}`;
            tip.setPosition(geometry.getLastCoordinate());
          }
        });
      });
      draw.on('drawend', () => tip?.getElement().classList.add('ob-measure-done'));
    },
    stop() {
      if (draw) map.removeInteraction(draw);
      draw = null;
    },
    clear() {
      source.clear();
      overlays.splice(0).forEach((o) => map.removeOverlay(o));
    },
  };
}
