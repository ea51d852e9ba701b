import { t, type Locale } from '../../i18n/index.js';

/*
 * G3: the Entra built-in roles a GDAP request may ask for, by their role template ids (Graph's
 * unifiedRoleDefinition id, the same in every tenant; "Microsoft Entra built-in roles", permissions reference),
 * with the names Microsoft gives them in English and Korean. The list is the least-privileged roles partners use
 * most ("GDAP: least-privileged roles by task"), plus Global Administrator, which G5 treats apart.
 */
export interface RoleTemplate {
  readonly id: string;
  readonly name: Readonly<Record<Locale, string>>;
}

export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

export const roleTemplates: readonly RoleTemplate[] = Object.freeze([
  {
    id: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    name: { 'en-US': 'Helpdesk Administrator', 'ko-KR': '기술 지원팀 관리자' },
  },
  {
    id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
    name: { 'en-US': 'License Administrator', 'ko-KR': '라이선스 관리자' },
  },
  { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: { 'en-US': 'User Administrator', 'ko-KR': '사용자 관리자' } },
  {
    id: 'f023fd81-a637-4b56-95fd-791ac0226033',
    name: { 'en-US': 'Service Support Administrator', 'ko-KR': '서비스 지원 관리자' },
  },
  { id: '5d6b6bb7-de71-4623-b4af-96380a352509', name: { 'en-US': 'Security Reader', 'ko-KR': '보안 읽기 권한자' } },
  { id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', name: { 'en-US': 'Global Reader', 'ko-KR': '전역 읽기 권한자' } },
  {
    id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
    name: { 'en-US': 'Directory Readers', 'ko-KR': '디렉터리 읽기 권한자' },
  },
  { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: { 'en-US': 'Security Administrator', 'ko-KR': '보안 관리자' } },
  { id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', name: { 'en-US': 'Billing Administrator', 'ko-KR': '청구 관리자' } },
  {
    id: '29232cdf-9323-42fd-ade2-1d097af3e4de',
    name: { 'en-US': 'Exchange Administrator', 'ko-KR': 'Exchange 관리자' },
  },
  {
    id: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
    name: { 'en-US': 'SharePoint Administrator', 'ko-KR': 'SharePoint 관리자' },
  },
  { id: '69091246-20e8-4a56-aa4d-066075b2a7a8', name: { 'en-US': 'Teams Administrator', 'ko-KR': 'Teams 관리자' } },
  { id: '3a2c62db-5318-420d-8d74-23affee5d9d5', name: { 'en-US': 'Intune Administrator', 'ko-KR': 'Intune 관리자' } },
  {
    id: '158c047a-c907-4556-b7ef-446551a6b5f7',
    name: { 'en-US': 'Cloud Application Administrator', 'ko-KR': '클라우드 애플리케이션 관리자' },
  },
  {
    id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
    name: { 'en-US': 'Privileged Role Administrator', 'ko-KR': '권한 있는 역할 관리자' },
  },
  { id: GLOBAL_ADMINISTRATOR_ROLE_ID, name: { 'en-US': 'Global Administrator', 'ko-KR': '전역 관리자' } },
]);

const byId = new Map(roleTemplates.map((r) => [r.id, r]));

export function isRoleTemplateId(id: string): boolean {
  return byId.has(id);
}

/** A role's name in the reader's language; an id outside the catalogue (Graph may list others) reads as "Entra role". */
export function roleTemplateName(id: string, locale: Locale): string {
  return byId.get(id)?.name[locale] ?? t(locale, 'gdap.role.unknown');
}

export function roleTemplateNames(ids: readonly string[], locale: Locale): string[] {
  return ids.map((id) => roleTemplateName(id, locale));
}

/** Catalogue order, so a request's roles read the same everywhere. */
export function sortRoleTemplateIds(ids: readonly string[]): string[] {
  const order = new Map(roleTemplates.map((r, i) => [r.id, i]));
  return [...new Set(ids)].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || a.localeCompare(b));
}
