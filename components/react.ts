/**
 * React wrappers of the elements (`@cobrand/elements/react`), made with @lit/react: props are
 * set as properties (so `config` takes a document object, not a string) and the events are
 * props: `onNavigate`, `onLoad`, `onError` (each a typed `CustomEvent`).
 *
 * ```tsx
 * import { CobrandConsole } from '@cobrand/elements/react';
 * <CobrandConsole partner="acme-cloud" api="https://cobrand.example.com" userName="Zhang Wei"
 *   onNavigate={(event) => { if (event.detail.href.startsWith('/')) { event.preventDefault(); navigate(event.detail.href); } }} />
 * ```
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { CobrandBrand as BrandElement } from './cobrand-brand.ts';
import { CobrandCloudMenu as CloudMenuElement } from './cobrand-cloud-menu.ts';
import { CobrandConsole as ConsoleElement } from './cobrand-console.ts';
import { CobrandOpsInfo as OpsInfoElement } from './cobrand-ops-info.ts';
import { CobrandPromoMenu as PromoMenuElement } from './cobrand-promo-menu.ts';
import type { ErrorDetail, LoadDetail } from './console/loader.ts';
import type { NavigateDetail } from './shared/navigate.ts';

export type { ErrorDetail, LoadDetail, NavigateDetail };

const onNavigate = 'cobrand-navigate' as EventName<CustomEvent<NavigateDetail>>;

export const CobrandConsole = createComponent({
  react: React,
  tagName: 'cobrand-console',
  elementClass: ConsoleElement,
  events: {
    onNavigate,
    onLoad: 'cobrand-load' as EventName<CustomEvent<LoadDetail>>,
    onError: 'cobrand-error' as EventName<CustomEvent<ErrorDetail>>,
  },
});

export const CobrandBrand = createComponent({ react: React, tagName: 'cobrand-brand', elementClass: BrandElement, events: { onNavigate } });
export const CobrandPromoMenu = createComponent({ react: React, tagName: 'cobrand-promo-menu', elementClass: PromoMenuElement, events: { onNavigate } });
export const CobrandCloudMenu = createComponent({ react: React, tagName: 'cobrand-cloud-menu', elementClass: CloudMenuElement, events: { onNavigate } });
export const CobrandOpsInfo = createComponent({ react: React, tagName: 'cobrand-ops-info', elementClass: OpsInfoElement, events: { onNavigate } });
