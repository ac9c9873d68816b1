import { createTheme, darken, type CSSVariablesResolver, defaultVariantColorsResolver, Loader, MultiSelect, Select, TagsInput, type VariantColorsResolver } from '@mantine/core';

/**
 * Combobox dropdowns stay mounted by default and are labelled by their field's label, so a field
 * would have two elements with the same label. Mounting the options only while open keeps one
 * labelled control per field (screen readers and `getByLabel` alike).
 */
const comboboxProps = { keepMounted: false };

/**
 * WCAG 2.2 AA contrast (4.5:1 for text) with Mantine's light palette, whose middle shades are too
 * pale for text on white: text on a tinted or white background (light, outline, subtle badges and
 * buttons) is the colour darkened by half; on a filled background the text is black or white,
 * whichever contrasts more (`autoContrast` with the luminance where both contrast equally).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (['light', 'outline', 'subtle', 'transparent'].includes(input.variant) && input.color !== 'gray') {
    return { ...colors, color: darken(colors.color, 0.5), hoverColor: colors.hoverColor && darken(colors.hoverColor, 0.5) };
  }
  return colors;
};

export const theme = createTheme({
  primaryColor: 'indigo',
  // indigo.7 behind white text: 5.0:1 (the default shade 6 is 4.3:1).
  primaryShade: 7,
  autoContrast: true,
  luminanceThreshold: 0.179,
  variantColorResolver,
  // A focus ring for keyboard users; mouse clicks do not show it.
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Select: Select.extend({ defaultProps: { comboboxProps } }),
    MultiSelect: MultiSelect.extend({ defaultProps: { comboboxProps } }),
    TagsInput: TagsInput.extend({ defaultProps: { comboboxProps } }),
    // A loader is announced by its label: a status, which may carry one (a bare span may not).
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
    // A dialog's header is a <div>: a <header> inside the dialog counts as a second banner landmark.
    ModalHeader: { defaultProps: { component: 'div' } },
  },
});

/** Secondary ("dimmed") text and placeholders at 5.9:1 on white instead of Mantine's 3.3:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636b', '--mantine-color-placeholder': '#5c636b' },
  dark: {},
});
