/**
 * The people of the playground demo (`npm run playground`): who the Agents Playground's user is, in
 * which tenant, and the configuration file (.m365agentsplayground.yml) that makes it so. The
 * Playground reads its user and tenant from that file at start-up; it always sends "en-US" as the
 * locale, so Korean is put on the activities by a relay in front of the bot (scripts/playground.ts).
 */

/** The tenant the Playground uses by default: "your" organization, the one you enroll. */
export const YOUR_TENANT = '00000000-0000-0000-0000-0000000000001';
/** The Playground's default user (Alex Wilber): you, and the program administrator of the demo. */
export const YOU = {
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  id: 'user-id-0',
  name: 'Alex Wilber',
  givenName: 'Alex',
  surname: 'Wilber',
  email: 'alexw@example.com',
} as const;

/** The demo's listed indirect provider lives in a second tenant. */
export const DEMO_PROVIDER_TENANT = '00000000-0000-0000-0000-000000000b02';
/** Its administrator (global admin and admin agent, the enrolling user). */
export const DEMO_PROVIDER_ADMIN = {
  aadObjectId: '00000000-0000-0000-0000-000000000b20',
  id: 'user-id-b20',
  name: 'Park Ji-woo (demo)',
  givenName: 'Ji-woo',
  surname: 'Park',
  email: 'jiwoo.park@fabrikam-kr.example',
} as const;

export const personas = {
  /** you: an indirect reseller to be (enroll with demo MPN ID 6123001), and the program administrator */
  reseller: { tenantId: YOUR_TENANT, user: YOU },
  /** the demo provider's administrator: sees directory requests, approves partnerships, adds customers */
  provider: { tenantId: DEMO_PROVIDER_TENANT, user: DEMO_PROVIDER_ADMIN },
} as const;

export type Persona = keyof typeof personas;

export function isPersona(s: string): s is Persona {
  return Object.prototype.hasOwnProperty.call(personas, s);
}

/** The Playground's configuration for one persona (schema 0.1.1: tenant, bot, current user, a team). */
/** The Playground wants at least five other users in its tenant: the other persona and these. */
const colleagues = [
  { id: 'user-id-1', givenName: 'Megan', surname: 'Bowen', email: 'meganb@example.com', n: 21 },
  { id: 'user-id-2', givenName: 'Adele', surname: 'Vance', email: 'adelev@example.com', n: 22 },
  { id: 'user-id-3', givenName: 'Isaiah', surname: 'Langer', email: 'isaiahl@example.com', n: 23 },
  { id: 'user-id-4', givenName: 'Patti', surname: 'Fernandez', email: 'pattif@example.com', n: 24 },
].map((c) => ({
  ...c,
  name: `${c.givenName} ${c.surname}`,
  aadObjectId: `00000000-0000-0000-0000-00000000000${c.n}`,
}));

export function playgroundYaml(persona: Persona): string {
  const p = personas[persona];
  const others = [persona === 'reseller' ? DEMO_PROVIDER_ADMIN : YOU, ...colleagues];
  return `# Written by npm run playground (persona: ${persona}); see README "Playground demo".
version: "0.1.1"
tenantId: ${p.tenantId}
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: Test Bot
currentUser:
  id: ${p.user.id}
  name: ${p.user.name}
  userPrincipleName: ${p.user.email}
  aadObjectId: ${p.user.aadObjectId}
  givenName: ${p.user.givenName}
  surname: ${p.user.surname}
  email: ${p.user.email}
users:
${others
  .map(
    (o) => `  - id: ${o.id}
    name: ${o.name}
    userPrincipleName: ${o.email}
    aadObjectId: ${o.aadObjectId}
    givenName: ${o.givenName}
    surname: ${o.surname}
    email: ${o.email}
`,
  )
  .join('')}personalChat:
  id: __PERSONAL_CHAT_ID__
groupChat:
  id: __GROUP_CHAT_ID__
  name: Group Chat
team:
  id: team-id
  name: My Team
  aadGroupId: 00000000-0000-0000-0000-000000000031
  channels:
    - id: channel-announcements-id
      name: Announcements
`;
}
