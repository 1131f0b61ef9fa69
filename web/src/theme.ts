import type { ThemeConfig } from 'antd';

/** Bảng màu chính thức: đỏ cờ đậm, xanh lam hành chính, điểm vàng kim. */
export const BRAND = {
  red: '#b3151c',
  redDark: '#8c0f14',
  redDeep: '#6e0b0f',
  blue: '#0b4f9c',
  blueDark: '#083a74',
  gold: '#f3c245',
  ink: '#1d2433',
  muted: '#5b6475',
  bg: '#f3f5f9',
} as const;

export const FONT_FAMILY =
  "'Segoe UI', 'Be Vietnam Pro', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', sans-serif";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.blue,
    colorInfo: BRAND.blue,
    colorLink: BRAND.blue,
    colorError: '#c62828',
    colorSuccess: '#2e7d32',
    colorWarning: '#d48806',
    colorTextBase: BRAND.ink,
    colorBgLayout: BRAND.bg,
    borderRadius: 8,
    borderRadiusLG: 12,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    controlHeight: 36,
    controlHeightLG: 44,
    wireframe: false,
  },
  components: {
    Layout: {
      headerBg: BRAND.red,
      headerHeight: 64,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: BRAND.bg,
      footerBg: '#1b2230',
    },
    Menu: {
      itemBorderRadius: 8,
      itemSelectedBg: '#e9f1fb',
      itemSelectedColor: BRAND.blue,
      itemHoverBg: '#f3f6fa',
      itemMarginInline: 8,
      itemHeight: 42,
      groupTitleColor: '#8a93a6',
      groupTitleFontSize: 12,
    },
    Table: {
      headerBg: '#f5f7fb',
      headerColor: '#3a4357',
      rowHoverBg: '#f7faff',
      headerSplitColor: 'transparent',
    },
    Card: {
      headerFontSize: 16,
    },
    Button: {
      primaryShadow: '0 2px 0 rgba(11, 79, 156, 0.12)',
      fontWeight: 500,
    },
    Tag: {
      defaultBg: '#f3f5f9',
    },
    Drawer: {
      footerPaddingBlock: 12,
      footerPaddingInline: 24,
    },
  },
};
