// Pointer coordinates in CGCS2000 lon/lat (EPSG:4490) and in the working Gauss-Krüger system, computed here with proj4.
import proj4 from 'proj4';
import { toLonLat } from 'ol/proj.js';

// From `projinfo EPSG:4547 -o PROJ` (CGCS2000 / 3-degree Gauss-Kruger CM 114E). Both on GRS80 with no datum shift.
proj4.defs('EPSG:4490', '+proj=longlat +ellps=GRS80 +no_defs');
proj4.defs('EPSG:4547', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
const toGk = proj4('EPSG:4490', 'EPSG:4547');

export function gaussKruger(lonLat) { return toGk.forward(lonLat); }

export function trackPointer(map, element) {
  map.on('pointermove', (event) => {
    if (event.dragging) return;
    const [lon, lat] = toLonLat(event.coordinate);
    const [x, y] = gaussKruger([lon, lat]);
    element.textContent = `CGCS2000 经度 ${lon.toFixed(6)}° 纬度 ${lat.toFixed(6)}° ｜ EPSG:4547 东 ${x.toFixed(2)} 北 ${y.toFixed(2)} m`;
  });
}
