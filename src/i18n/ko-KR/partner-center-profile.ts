import type { partnerCenterProfile as en } from '../en-US/partner-center-profile.js';

/** 이슈 17 항목 3: 파트너 센터 프로필로 등록 (E-PC1–E-PC7): 프로필 비교와 그 결과. */
export const partnerCenterProfile = {
  'pcProfile.check': '파트너 센터와 비교',
  'pcProfile.heading': '파트너 센터 프로필',
  'pcProfile.checkedAt': '{date}에 파트너 센터에서 읽었습니다.',
  'pcProfile.matches': '조직이 입력한 내용이 파트너 센터 프로필과 일치합니다.',
  'pcProfile.approvedOnEvidence':
    '신청이 파트너 센터 프로필로 승인되었습니다. Microsoft가 파트너를 확인했으므로 프로그램 검토가 필요하지 않았습니다.',
  'pcProfile.approvedNow': '파트너 센터가 {orgName}을(를) 확인했습니다. 프로그램 검토 없이 신청이 승인되었습니다.',
  'pcProfile.keptForReview': '신청은 프로그램 관리자의 검토를 계속 기다립니다: {reasons}.',
  'pcProfile.reason.mpn_id_differs': '입력한 MPN ID가 파트너 센터의 MPN ID와 다릅니다',
  'pcProfile.reason.country_differs': '입력한 국가/지역이 파트너 센터의 국가/지역과 다릅니다',
  'pcProfile.reason.not_verified': 'Microsoft가 아직 파트너 센터에서 파트너를 확인하지 않았습니다',
  'pcProfile.differencesIntro': '입력한 내용과 파트너 센터가 다른 항목:',
  'pcProfile.difference': '{field}: 입력한 값 “{entered}”, 파트너 센터의 값 “{partnerCenter}”',
  'pcProfile.field.legalName': '법인 이름',
  'pcProfile.field.address': '주소',
  'pcProfile.field.primaryContact': '기본 연락처',
  'pcProfile.field.mpnId': 'MPN ID',
  'pcProfile.field.country': '국가/지역',
  'pcProfile.field.partnerTypes': '파트너 유형',
  'pcProfile.empty': '없음',
  'pcProfile.unavailable': '지금은 파트너 센터 프로필을 읽을 수 없어 변경된 내용이 없습니다. {why}',
  'pcProfile.unavailableStale': '아래는 {date}에 파트너 센터가 알려 준 내용입니다.',
  'pcLink.profileApproved': '파트너 센터가 {orgName}을(를) 확인했습니다. 신청이 승인되었습니다.',
  'pcLink.profileKept': '파트너 센터 프로필이 신청을 확인하지 않아({reasons}) 프로그램 관리자가 검토합니다.',
  'pcLink.profileUnavailable':
    '지금은 파트너 센터 프로필을 읽을 수 없습니다. 나중에 Teams에서 “파트너 센터”를 입력하여 비교하세요.',
} satisfies Record<keyof typeof en, string>;
