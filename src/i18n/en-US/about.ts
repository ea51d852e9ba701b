/** The home, privacy and terms pages (src/web/about-pages.ts): GET /, /privacy, /terms. */
export const about = {
  'about.title': 'CSP Partner Bot',
  'about.lead':
    'A Microsoft Teams bot for partners in the Microsoft Cloud Solution Provider (CSP) program: enrollment, the Microsoft Partner Agreement, indirect provider and reseller partnerships, customer invitations and notifications, in English and Korean.',
  'about.howTo':
    'Add the bot to Microsoft Teams (your administrator uploads the app package) and type **help** in a chat with it. The bot answers at {messagesUrl}.',
  'about.demo':
    'This is a demonstration: every organization, person, offer and MPN ID here is made-up demo data. Mail is written to files, not sent.',
  'about.privacyLink': 'Privacy statement',
  'about.termsLink': 'Terms of use',
  'about.homeLink': 'About the bot',
  'privacy.title': 'Privacy statement',
  'privacy.body1':
    'The bot keeps what the CSP program needs and nothing more: your organization’s enrollment details, the people your administrators add (name, work email, roles), agreement acceptances, partnerships, customers and subscriptions, and a record of who changed what.',
  'privacy.body2':
    'Bank details of direct-bill partners are encrypted at rest and shown masked. Messages and e-mails go only to the people and channels a rule names. Conversation state is deleted after a period without use.',
  'privacy.body3':
    'The operator of this deployment is responsible for the data. Ask your program administrator to see, correct or delete what is recorded about you.',
  'terms.title': 'Terms of use',
  'terms.body1':
    'The bot helps partners take part in the Microsoft Cloud Solution Provider program. Using it does not replace the Microsoft Partner Agreement or any agreement between partners and their customers.',
  'terms.body2':
    'Act only for the organization you belong to and with the roles it gave you. Every change is recorded with the name of the person who made it.',
  'terms.body3': 'The service is provided as is by the operator of this deployment.',
} as const;
