/**
 * The ledger's fixed vocabularies, apart from their schemas (primitives.ts), so that code running in a
 * browser (the console) reads them without the schema library.
 */
export const PACKS = ['us-dmca', 'eu-dsa', 'cn-civil', 'cn-ecom', 'cn-rndi', 'jp-plla', 'jp-idpa'] as const;
/** The 27 EU Member States (ISO 3166-1 alpha-2; Greece as GR, as date-holidays names it). */
export const MEMBER_STATES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'] as const;
export const ROLES = ['rights_holder', 'provider', 'user', 'authority'] as const;
/** Services; the infrastructure kinds (cloud, cdn, dns, access, data_centre) are classed per regime by each pack (service-class.ts). */
export const PROVIDER_KINDS = ['hosting', 'platform', 'caching', 'conduit', 'search', 'basic_network', 'cloud', 'cdn', 'dns', 'access', 'data_centre'] as const;
