import type { notify as en } from '../en-US/notify.js';

export const notify = {
  'notify.enrollment.verification_requested':
    '{orgName}의 {email} 주소를 확인해 주세요: {link} ({expiresAt}까지 유효).',
  'notify.enrollment.state_changed': '{orgName}의 {partnerType} 등록: {from} → {to}.{reasonText}',
  'notify.enrollment.review_requested':
    '{orgName}(MPN ID {mpnId}, {country})이(가) {partnerType}(으)로 신청하여 검토를 기다리고 있습니다.',
  'notify.user.added': '{addedByName}님이 {userName}({email})님을 {orgName}에 추가했습니다. 역할: {roles}.',
  'notify.user.roles_changed': '{changedByName}님이 {userName}님의 역할을 변경했습니다: {roles}.',
  'notify.mpa.signed':
    '{signerName}({signerEmail})님이 {orgName}을(를) 대표하여 Microsoft 파트너 계약 {version}에 서명했습니다.',
  'notify.partnership.requested':
    '간접 공급자 {providerName}와(과) 간접 재판매인 {resellerName} 간의 파트너 관계가 요청되었습니다.',
  'notify.partnership.invited':
    '{providerName}이(가) {resellerName}에 간접 공급자 권한 부여를 요청했습니다({expiresAt}까지 유효).',
  'notify.partnership.authorized':
    '{byName}님이 {providerName}을(를) {resellerName}의 간접 공급자로 권한을 부여했습니다.',
  'notify.partnership.declined':
    '{byName}님이 {providerName}와(과) {resellerName} 간의 파트너 관계를 거절했습니다.{reasonText}',
  'notify.partnership.admin_access_withdrawn':
    '{byName}님이 {resellerName}에 대한 {providerName}의 관리자 권한을 철회했습니다. 파트너 관계는 유지됩니다.',
  'notify.partnership.admin_access_restored':
    '{byName}님이 {resellerName}에 대한 {providerName}의 관리자 액세스를 복원했습니다.',
  'notify.partnership.end_requested':
    '{requestedByName}님이 {providerName}와(과) {resellerName} 간의 파트너 관계 종료를 요청했습니다: {reason}',
  'notify.partnership.end_decided':
    '{providerName}와(과) {resellerName} 간의 파트너 관계 종료 요청이 {decision}되었습니다.{reasonText}',
  'notify.customer.invited_with_provider':
    '{resellerName}이(가) 간접 공급자 {providerName}와(과) 함께 권한을 부여하도록 고객을 초대했습니다({expiresAt}까지 유효).',
  'notify.customer.invitation_accepted': '{customerName}이(가) {partnerName}의 초대를 수락했습니다.',
  'notify.customer.invitation_declined': '{partnerName}의 초대가 거절되었습니다.',
  'notify.customer.added': '{providerName}이(가) 고객 {customerName}을(를) 추가했습니다.',
  'notify.customer.relationship_removed': '{partnerName}이(가) {customerName}과(와)의 관계를 제거했습니다.',
  'notify.subscription.changed': '{customerName}의 {offer} 구독: {change}.',
  'notify.channel_blocked':
    '{orgName}의 알림을 더 이상 {channelName}에 게시할 수 없습니다. 팀에서 봇을 제거했거나 차단했습니다. 다른 채널에서 **notify here**를 입력하여 새 알림 채널을 지정하세요.',
  'notify.generic': 'CSP 프로그램에 조직의 새 소식이 있습니다.',
  'notify.program_admin.granted':
    '{grantedByName}님이 회원님을 프로그램 관리자로 지정했습니다. **관리자**를 입력하면 프로그램 관리자 콘솔이 열립니다.',
  'notify.reason': ' 사유: {reason}',
  'notify.decision.approved': '승인',
  'notify.decision.declined': '거절',
  'notify.channel.unnamed': '알림 채널',
  'notify.directory.change_requested':
    '{orgName}의 {requestedByName}님이 디렉터리 정보({displayName}) 변경을 요청했습니다. **디렉터리 관리**를 입력하여 검토하세요.',
  'notify.directory.change_decided':
    '{orgName}의 디렉터리 정보 변경 요청이 {at}에 {byName}님에 의해 {decision}되었습니다.{reasonText}',
  'notify.partner_center.event': '파트너 센터, {orgName}: {eventName} ({changedAt}).',
  'notify.partner_center.link_expiring':
    '{orgName}의 파트너 센터 로그인이 {daysLeft}일 후({expiresAt})에 만료됩니다(그 전에 봇이 사용하면 연장됩니다). **파트너 센터**를 입력하여 다시 로그인하세요.',
  'notify.gdap.requested':
    '{orgName}의 {requestedByName}님이 {customerName}에 관리자 권한을 요청했습니다: GDAP 관계 “{displayName}”, {durationDays}일.',
  'notify.gdap.reseller_consent_requested':
    '{orgName}이(가) 고객 {customerName}에 대한 관리자 권한(GDAP “{displayName}”) 요청에 동의를 구합니다. **GDAP 목록**을 입력하여 동의하거나 거절하세요.',
  'notify.gdap.reseller_consented':
    '{resellerName}의 {byName}님이 {customerName}에 대한 GDAP 관계 “{displayName}”에 동의했습니다. 이제 고객이 승인할 수 있습니다.',
  'notify.gdap.reseller_declined':
    '{resellerName}의 {byName}님이 {customerName}에 대한 GDAP 관계 “{displayName}”를 거절하여 관계가 종료되었습니다.',
  'notify.gdap.approved':
    '{customerName}이(가) GDAP 관계 “{displayName}”를 승인했습니다({approvedByName}): {activatedAt}부터 {endsAt}까지 활성.',
  'notify.gdap.declined': '{customerName}이(가) GDAP 관계 “{displayName}”를 거절했습니다({declinedByName}).',
  'notify.gdap.terminated':
    '{customerName}과(와)의 GDAP 관계 “{displayName}”가 {terminatedAt}에 {terminatedByName}님에 의해 종료되었습니다.',
  'notify.gdap.expired': '{customerName}과(와)의 GDAP 관계 “{displayName}”가 {endsAt}에 만료되었습니다.',
  'notify.gdap.digest':
    '{orgName} GDAP 요약: 곧 끝나거나 끝난 고객 관계 {count}건. **GDAP 목록**을 입력하여 확인하세요.',
} satisfies Record<keyof typeof en, string>;
