// Decodes one Mapbox Vector Tile with the reference decoder (@mapbox/vector-tile + pbf), independent of
// OneBlueprint's C# encoder, and prints it as JSON: { layers: { NAME: { version, extent, features: [GeoJSON] } } }.
// Usage: node decode.mjs TILE.mvt Z X Y   (coordinates come out in lon/lat via VectorTileFeature.toGeoJSON)
import { readFileSync } from 'node:fs';
import Pbf from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';

const [file, z, x, y] = process.argv.slice(2);
if (!file || z === undefined || x === undefined || y === undefined) {
  console.error('usage: node decode.mjs TILE.mvt Z X Y');
  process.exit(2);
}
// a copy: a Node Buffer may sit at an offset inside a shared ArrayBuffer, which pbf's DataView does not expect
const tile = new VectorTile(new Pbf(new Uint8Array(readFileSync(file))));
const out = { layers: {} };
for (const [name, layer] of Object.entries(tile.layers)) {
  const features = [];
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const geo = f.toGeoJSON(Number(x), Number(y), Number(z));
    geo.id = f.id;
    geo.rawType = f.type;
    features.push(geo);
  }
  out.layers[name] = { version: layer.version, extent: layer.extent, features };
}
process.stdout.write(JSON.stringify(out));
