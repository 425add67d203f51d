import { useEffect, useMemo, useState } from 'react';
import { Group, Text } from '@mantine/core';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import { useTranslation } from 'react-i18next';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { legendClasses, shadeFor } from './mapClasses.ts';

const WIDTH = 960;
const HEIGHT = 470;

/** World map shaded by how many instruments of the set each state is party to; the table beside it carries the same data. */
export function WorldMap({
  counts,
  max,
  names,
  labelId,
}: {
  counts: Map<string, number>;
  max: number;
  names: Map<string, string>;
  labelId: string;
}) {
  const { t } = useTranslation('status');
  const [shapes, setShapes] = useState<Feature<Geometry, { name: string }>[]>([]);

  useEffect(() => {
    let cancelled = false;
    void fetch(worldUrl)
      .then((r) => r.json())
      .then((topology: Topology<{ countries: GeometryCollection<{ name: string }> }>) => {
        if (!cancelled) setShapes(feature(topology, topology.objects.countries).features);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const path = useMemo(() => geoPath(geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'Sphere' })), []);

  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="world-map" role="img" aria-labelledby={labelId}>
        {shapes.map((shape, index) => {
          const m49 = String(shape.id ?? '');
          const count = counts.get(m49);
          const label = names.get(m49) ?? shape.properties.name;
          return (
            <path
              key={`${m49}-${index}`}
              d={path(shape) ?? ''}
              fill={count === undefined ? '#dee2e6' : shadeFor(count, max)}
            >
              <title>{count === undefined ? label : t('overview.mapTooltip', { name: label, count, max })}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <Group gap="md" mt="xs" wrap="wrap">
          {legendClasses(max).map((c) => (
            <Text size="xs" key={c.from}>
              <span className="legend-swatch" style={{ background: c.colour }} aria-hidden="true" />
              {c.to === 0
                ? t('overview.legendNone')
                : c.from === c.to
                  ? t('overview.legendExact', { count: c.from })
                  : t('overview.legendRange', { from: c.from, to: c.to })}
            </Text>
          ))}
        </Group>
      </figcaption>
    </figure>
  );
}
