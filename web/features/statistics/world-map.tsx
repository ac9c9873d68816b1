import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { countryByNumeric } from '../../../shared/reference/countries';
import { MAP_SHADES } from './map-shades';


const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const shapes = feature(topology, topology.objects.countries).features;
const projection = geoEqualEarth().fitSize([960, 470], { type: 'Sphere' });
const path = geoPath(projection);
const drawn = shapes.map((s) => ({ alpha2: s.id !== undefined ? countryByNumeric(String(s.id).padStart(3, '0'))?.alpha2 ?? null : null, d: path(s) ?? '' }));

/**
 * The world drawn from the bundled Natural Earth shapes (world-atlas), each country shaded by its
 * class (0 none, 1..5 the quantiles of the values); withheld counts are hatched. The drawing only:
 * the caller's frame names it and gives the table.
 */
export function WorldMap({ classOf }: { classOf: (alpha2: string) => number | 'withheld' }) {
  return (
    <svg viewBox="0 0 960 470" width="100%" role="presentation" data-testid="world-map">
      <defs>
        <pattern id="map-withheld" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#f1f3f5" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#495057" strokeWidth="2" />
        </pattern>
      </defs>
      {drawn.map((s, i) => {
        const c = s.alpha2 ? classOf(s.alpha2) : 0;
        const fill = c === 'withheld' ? 'url(#map-withheld)' : c === 0 ? '#f8f9fa' : MAP_SHADES[c - 1];
        return <path key={i} d={s.d} fill={fill} stroke="#868e96" strokeWidth={0.4} data-country={s.alpha2 ?? undefined} />;
      })}
    </svg>
  );
}
