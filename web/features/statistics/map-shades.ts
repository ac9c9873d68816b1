/** Shades of the world map's scale, lightest first (the darkest keeps 3:1 against white); apart from the map so its legend does not load the shapes. */
export const MAP_SHADES = ['#deebf7', '#9ecae1', '#4292c6', '#2171b5', '#08306b'] as const;
