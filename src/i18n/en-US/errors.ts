import type { ErrorCode } from '../../domain/shared/errors.js';
import type { Role } from '../../domain/shared/roles.js';

/**
 * One message per AppError code (src/domain/shared/errors.ts), plus the display names of roles
 * that ROLE_REQUIRED lists. The `satisfies` clause makes the compiler refuse a code
 * without a message and a message without a code. Keys must match ko-KR/errors.ts.
 */
export const errors = {
  'error.VALIDATION': 'Some of what you entered is not valid: {details}',
  'error.NOT_FOUND': 'That {entity} was not found, or you cannot see it.',
  'error.CONFLICT': 'Someone changed this at the same time. Please try again.',

  'error.NOT_A_PARTNER_USER':
    'You are not a user of an enrolled partner organization yet. Enroll your organization, or ask your admin agent to add you.',
  'error.UNTRUSTED_IDENTITY':
    'I can only act for a signed-in Microsoft Teams user of your organization, and this message did not come with one. Nothing was changed.',
  'error.ROLE_REQUIRED': 'You need one of these roles to do this: {roles}.',
  'error.PROGRAM_ADMIN_REQUIRED': 'Only a program administrator can do this.',
  'error.USER_EMAIL_TAKEN': 'A user with the work email {email} already exists in your organization.',
  'error.ROLE_MISSING': 'Give the user at least one agent role or admin role.',
  'error.LAST_GLOBAL_ADMIN': 'Your organization must keep at least one global admin.',
  'error.GLOBAL_ADMIN_GRANT_FORBIDDEN': 'Only a global admin can grant or remove the global admin role.',

  'error.MPN_NOT_FOUND':
    'No partner profile was found for MPN ID {mpnId}. Check the ID, or join the Microsoft Partner Network first.',
  'error.MPN_INACTIVE': 'The partner profile for MPN ID {mpnId} is not active.',
  'error.MPN_COUNTRY_MISMATCH':
    'MPN ID {mpnId} belongs to an organization in {mpnCountry}, but you are enrolling in {country}. The country/region must match.',
  'error.MPN_IN_USE': 'MPN ID {mpnId} is already enrolled by another organization.',
  'error.WEBMAIL_NOT_ALLOWED':
    'The primary contact needs a work email address. Addresses from web-based mail services ({domain}) are not accepted.',
  'error.BILLING_DETAILS_REQUIRED':
    'Direct-bill enrollment needs billing and bank details and your acceptance of the direct-bill criteria.',
  'error.ALREADY_ENROLLED': 'Your organization is already enrolled as {partnerType}.',
  'error.APPLICATION_IN_PROGRESS': 'An application for {partnerType} is already in progress ({state}).',
  'error.TENANT_MISMATCH':
    'MPN ID {mpnId} is enrolled with another work account (tenant). Sign in with your organization’s CSP account to add a partner type.',
  'error.EMAIL_NOT_VERIFIED': 'The primary contact has not verified the email address yet.',
  'error.INVALID_STATE': 'This cannot be done while the application is {state}.',
  'error.ALREADY_DECIDED': 'This was already decided ({decision}) by {by} at {at}.',
  'error.REASON_REQUIRED': 'Please give a reason.',
  'error.NOT_ONBOARDED': 'Your organization’s enrollment has not been approved yet.',

  'error.TOKEN_INVALID': 'This link is not valid.',
  'error.TOKEN_EXPIRED': 'This link expired on {expiredAt}. Ask the sender for a new one.',
  'error.TOKEN_USED': 'This link has already been used.',
  'error.TOKEN_REVOKED': 'This link was withdrawn by its sender.',

  'error.MPA_NOT_SIGNED': '{org} has not signed the Microsoft Partner Agreement (MPA) yet.',

  'error.NOT_INDIRECT_RESELLER': '{org} is not enrolled as an indirect reseller.',
  'error.NOT_INDIRECT_PROVIDER': '{org} is not enrolled as an indirect provider.',
  'error.REGION_MISMATCH':
    'Partners can only work together within one region: {from} and {to} are in different regions.',
  'error.LINK_MISSING': 'The message must still contain the personalized link. Put the link back and try again.',
  'error.CONSENT_REQUIRED': 'Please tick the consent box to continue.',
  'error.PARTNERSHIP_EXISTS': 'A partnership between these organizations already exists ({state}).',
  'error.PARTNERSHIP_REQUIRED': 'You need an active partnership with this reseller to do this.',
  'error.SELF_PARTNERSHIP': 'An organization cannot partner with itself.',
  'error.END_REQUEST_PENDING': 'A request to end this partnership is already waiting for the program administrator.',

  'error.RELATIONSHIP_REQUIRED': 'You need a reseller relationship with this customer to do this.',
  'error.CUSTOMER_ADMIN_REQUIRED':
    'Only a Global Administrator of your organization’s Microsoft Entra tenant can accept or decline this invitation, and you are not signed in as one. Nothing has been accepted or declined, and the link still works: ask your tenant’s Global Administrator to open the link in the invitation and sign in.',
  'error.RELATIONSHIP_EXISTS': 'This customer is already on your Customers list.',
  'error.ATTESTATION_REQUIRED':
    'Please confirm that the removal is in good faith and for a legitimate business purpose.',
  'error.SELF_SALE': 'A partner cannot sell to itself or its affiliates as an end customer.',
  'error.CSP_TENANT_AS_CUSTOMER':
    'This tenant is a CSP partner’s CSP tenant and cannot be a customer. Buy for your own use through a separate customer tenant.',
  'error.RESELLER_IS_PROVIDER_CUSTOMER':
    'A reseller partnered with this provider cannot also be its end customer with the same tenant. Use another tenant or another provider.',
  'error.CUSTOMER_DOMAIN_TAKEN': 'The domain {domain} is already in use.',

  'error.OFFER_NOT_FOUND': 'One of the chosen offers is not available any more. Choose again.',
  'error.QUANTITY_OUT_OF_RANGE': 'The license count must be between {min} and {max}.',

  'error.CSV_INVALID': 'The file has rows that cannot be imported: {details}',
  'error.OFFER_RETIRED': '{offer} has been retired from the offer catalog and can no longer be ordered.',
  'error.OFFER_EXISTS': 'The catalog already has an offer with the ID {offerId}.',
  'error.PROGRAM_ADMIN_BOOTSTRAP':
    'This program administrator is set in the bot’s configuration and cannot be revoked from a card. Ask whoever runs the bot to change the configuration.',
  'error.LAST_PROGRAM_ADMIN':
    'You are the only program administrator: grant the role to someone else before you give it up.',

  'error.PC_MFA_REQUIRED':
    'Partner Center needs a sign-in with multi-factor authentication. Sign in again with an account that uses MFA.',
  'error.PC_TENANT_MISMATCH':
    'That account belongs to another Microsoft Entra organization. Sign in with a Partner Center account of your own organization.',
  'error.PC_NOT_LINKED': 'Your organization has not linked a Partner Center account.',
  'error.PC_SIGN_IN_AGAIN':
    'The Partner Center sign-in of your organization has expired or was revoked. An admin needs to type “partner center” and sign in again.',
  'error.PC_SIGN_IN_INVALID':
    'This sign-in could not be completed: it was started too long ago or in another browser. Go back to Teams, type “partner center” and start again.',
  'error.PC_NOT_CONFIGURED': 'Linking a Partner Center account is not set up on this bot yet. Ask the bot’s operator.',
  'error.PC_UNAVAILABLE': "Partner Center isn't answering right now; nothing was changed. Try again in a few minutes.",
  'error.PC_THROTTLED':
    'Partner Center is getting too many requests right now; nothing was changed. Try again in a few minutes.',
  'error.PC_ACCESS_DENIED':
    "Partner Center refused your organization's linked account; nothing was changed. An admin can type “partner center” to check the link.",
  'error.PC_REFUSED': 'Partner Center did not accept this request; nothing was changed.',
  'error.PC_RESELLER_UNKNOWN':
    'Partner Center has no indirect reseller account with the MPN ID of {org}; nothing was changed.',
  'error.PC_RESELLER_OTHER_REGION': 'Partner Center places {org} in another CSP region; nothing was changed.',
  'error.PC_REMOVAL_BLOCKED':
    "Partner Center removes a customer relationship only once the customer's active subscriptions are suspended and its Azure reservations are cancelled; nothing was changed.",
  'error.PC_CUSTOMER_DETAILS_REQUIRED':
    "Partner Center needs the new customer's billing contact (name and email) and address (street, city, postal code) to create it.",
  'error.PC_SUPPORT_CONTACT_NEW_COMMERCE':
    'Partner Center keeps no support contact for new-commerce subscriptions; nothing was changed.',
  'error.PC_SUPPORT_CONTACT_CLEAR':
    'Partner Center can change a subscription’s support contact to another of your resellers, but not remove it; nothing was changed.',
  'error.PC_SUBSCRIPTION_NOT_IN_PARTNER_CENTER':
    'Partner Center has no subscription matching this one, so its support contact cannot be set there; nothing was changed.',

  'error.GRAPH_UNAVAILABLE':
    "Microsoft Graph isn't answering right now; nothing was changed. Try again in a few minutes.",
  'error.GRAPH_THROTTLED':
    'Microsoft Graph is getting too many requests right now; nothing was changed. Try again in a few minutes.',
  'error.GRAPH_ACCESS_DENIED':
    "Microsoft Graph refused your organization's linked account for admin relationships; nothing was changed. An admin can type “partner center” and sign in again to grant it.",
  'error.GRAPH_REFUSED': 'Microsoft Graph did not accept this admin relationship request; nothing was changed.',
  'error.GRAPH_NOT_FOUND': 'Microsoft Graph has no such admin relationship for your organization.',

  'error.GDAP_NAME_TAKEN':
    'Your organization already has a GDAP relationship named “{name}”. Choose another name (at most 50 characters).',
  'error.GDAP_AUTO_EXTEND_GLOBAL_ADMIN':
    'Auto-extend is not available when Global Administrator is among the roles. Turn auto-extend off or leave Global Administrator out.',
  'error.GDAP_CUSTOMER_NOT_SERVED':
    'Your organization has no reseller relationship with {customer}, so it cannot ask for admin rights there.',
  'error.GDAP_WAITING_FOR_RESELLER':
    'This request waits for the indirect reseller {reseller} to consent. The customer can approve it once they have.',
  'error.GDAP_NOT_THE_RESELLER': 'Only the indirect reseller this request names can consent to it or decline it.',
  'error.GDAP_WRONG_STATE': 'This GDAP relationship is {gdapState}, so this cannot be done now.',
  'error.GDAP_CUSTOMER_ADMIN_REQUIRED':
    'Only a Global Administrator of the Microsoft Entra tenant of {customer} can approve or decline this request, and you are not signed in as one. Nothing has been approved or declined, and the link still works: ask that tenant’s Global Administrator to open it and sign in.',
  'error.GDAP_ROLE_NOT_GRANTED':
    '{role} is not among the roles of this GDAP relationship. Choose only roles the customer approved.',
  'error.GDAP_GROUP_ASSIGNED':
    'The security group {group} already has access in this relationship. Remove its assignment first to change its roles.',

  'role.global_admin': 'global admin',
  'role.user_admin': 'user admin',
  'role.admin_agent': 'admin agent',
  'role.sales_agent': 'sales agent',
  'role.helpdesk_agent': 'helpdesk agent',
  'role.billing_admin': 'billing admin',
  'role.business_profile_admin': 'business profile admin',
} as const satisfies Record<`error.${ErrorCode}` | `role.${Role}`, string>;
