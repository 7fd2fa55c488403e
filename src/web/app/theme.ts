import {
  createTheme,
  type ActionIconProps,
  type BadgeProps,
  type CardProps,
  type ComboboxProps,
  type MantineColorScheme,
  type ModalProps,
  type PaperProps,
  type TableProps,
  type TooltipProps,
} from '@mantine/core';

/**
 * Default props per component, as plain objects typed against the component's props rather than through
 * `Component.extend`: that would import each component's code into every page's first script, where the
 * theme is loaded whether the page shows a table or not.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } satisfies TableProps },
    Card: { defaultProps: { withBorder: true, padding: 'lg' } satisfies CardProps },
    Paper: { defaultProps: { withBorder: true } satisfies PaperProps },
    Badge: { defaultProps: { variant: 'light', radius: 'sm', tt: 'none', fw: 600 } satisfies BadgeProps },
    Modal: {
      defaultProps: {
        centered: true,
        overlayProps: { backgroundOpacity: 0.45, blur: 2 },
      } satisfies Partial<ModalProps>,
    },
    // Mantine keeps every closed select's option list mounted (hidden) and positions it on mount; on a page
    // with a few selects that is hundreds of nodes and a forced style recalculation each before first paint.
    // Options are rendered when a dropdown opens instead.
    Combobox: { defaultProps: { keepMounted: false } satisfies ComboboxProps },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } satisfies Partial<TooltipProps> },
    ActionIcon: { defaultProps: { variant: 'subtle', color: 'gray' } satisfies ActionIconProps },
  },
});

export const THEME_LABELS: Record<MantineColorScheme, string> = {
  light: 'Light',
  dark: 'Dark',
  auto: 'System',
};
