import type { errors as en } from '../en-US/errors.js';

/** Korean wording follows the Partner Center pages in ../shared/seeds (간접 공급자, 간접 재판매인, 전역 관리자, ...). */
export const errors = {
  'error.VALIDATION': '입력한 내용 중 올바르지 않은 항목이 있습니다: {details}',
  'error.NOT_FOUND': '해당 {entity}을(를) 찾을 수 없거나 볼 수 있는 권한이 없습니다.',
  'error.CONFLICT': '다른 사용자가 동시에 변경했습니다. 다시 시도하세요.',

  'error.NOT_A_PARTNER_USER':
    '아직 등록된 파트너 조직의 사용자가 아닙니다. 조직을 등록하거나 관리 에이전트에게 사용자 추가를 요청하세요.',
  'error.UNTRUSTED_IDENTITY':
    '조직의 로그인한 Microsoft Teams 사용자를 대신해서만 작업할 수 있는데, 이 메시지에는 해당 사용자 정보가 없습니다. 변경된 내용은 없습니다.',
  'error.ROLE_REQUIRED': '이 작업을 하려면 다음 역할 중 하나가 필요합니다: {roles}.',
  'error.PROGRAM_ADMIN_REQUIRED': '프로그램 관리자만 이 작업을 할 수 있습니다.',
  'error.USER_EMAIL_TAKEN': '업무용 메일 {email}을(를) 사용하는 사용자가 조직에 이미 있습니다.',
  'error.ROLE_MISSING': '사용자에게 에이전트 역할 또는 관리자 역할을 하나 이상 지정하세요.',
  'error.LAST_GLOBAL_ADMIN': '조직에는 전역 관리자가 한 명 이상 있어야 합니다.',
  'error.GLOBAL_ADMIN_GRANT_FORBIDDEN': '전역 관리자 역할은 전역 관리자만 부여하거나 해제할 수 있습니다.',

  'error.MPN_NOT_FOUND':
    'MPN ID {mpnId}에 해당하는 파트너 프로필이 없습니다. ID를 확인하거나 먼저 Microsoft 파트너 네트워크에 가입하세요.',
  'error.MPN_INACTIVE': 'MPN ID {mpnId}의 파트너 프로필이 활성 상태가 아닙니다.',
  'error.MPN_COUNTRY_MISMATCH':
    'MPN ID {mpnId}은(는) {mpnCountry}의 조직이지만 {country}(으)로 등록하려고 합니다. 국가/지역이 같아야 합니다.',
  'error.MPN_IN_USE': 'MPN ID {mpnId}은(는) 이미 다른 조직이 등록했습니다.',
  'error.WEBMAIL_NOT_ALLOWED':
    '기본 연락처에는 업무용 메일 주소가 필요합니다. 웹 기반 메일 서비스({domain})의 주소는 사용할 수 없습니다.',
  'error.BILLING_DETAILS_REQUIRED': '직접 청구 등록에는 청구 및 은행 정보와 직접 청구 기준에 대한 동의가 필요합니다.',
  'error.ALREADY_ENROLLED': '조직이 이미 {partnerType}(으)로 등록되어 있습니다.',
  'error.APPLICATION_IN_PROGRESS': '{partnerType} 신청이 이미 진행 중입니다({state}).',
  'error.TENANT_MISMATCH':
    'MPN ID {mpnId}은(는) 다른 회사 계정(테넌트)으로 등록되어 있습니다. 파트너 유형을 추가하려면 조직의 CSP 계정으로 로그인하세요.',
  'error.EMAIL_NOT_VERIFIED': '기본 연락처가 아직 메일 주소를 확인하지 않았습니다.',
  'error.INVALID_STATE': '신청이 {state} 상태일 때는 이 작업을 할 수 없습니다.',
  'error.ALREADY_DECIDED': '{by}님이 {at}에 이미 결정했습니다({decision}).',
  'error.REASON_REQUIRED': '사유를 입력하세요.',
  'error.NOT_ONBOARDED': '조직의 등록이 아직 승인되지 않았습니다.',

  'error.TOKEN_INVALID': '이 링크는 올바르지 않습니다.',
  'error.TOKEN_EXPIRED': '이 링크는 {expiredAt}에 만료되었습니다. 보낸 사람에게 새 링크를 요청하세요.',
  'error.TOKEN_USED': '이 링크는 이미 사용되었습니다.',
  'error.TOKEN_REVOKED': '보낸 사람이 이 링크를 취소했습니다.',

  'error.MPA_NOT_SIGNED': '{org}이(가) 아직 MPA(Microsoft 파트너 계약)에 서명하지 않았습니다.',

  'error.NOT_INDIRECT_RESELLER': '{org}은(는) 간접 재판매인으로 등록되어 있지 않습니다.',
  'error.NOT_INDIRECT_PROVIDER': '{org}은(는) 간접 공급자로 등록되어 있지 않습니다.',
  'error.REGION_MISMATCH':
    '파트너 관계는 같은 지역 안에서만 맺을 수 있습니다. {from}과(와) {to}은(는) 지역이 다릅니다.',
  'error.LINK_MISSING': '메시지에 개인 설정된 링크가 있어야 합니다. 링크를 다시 넣고 시도하세요.',
  'error.CONSENT_REQUIRED': '계속하려면 동의 확인란을 선택하세요.',
  'error.PARTNERSHIP_EXISTS': '두 조직 사이의 파트너 관계가 이미 있습니다({state}).',
  'error.PARTNERSHIP_REQUIRED': '이 작업을 하려면 이 재판매인과 활성 파트너 관계가 필요합니다.',
  'error.SELF_PARTNERSHIP': '조직은 자기 자신과 파트너 관계를 맺을 수 없습니다.',
  'error.END_REQUEST_PENDING': '이 파트너 관계 종료 요청이 이미 프로그램 관리자의 처리를 기다리고 있습니다.',

  'error.RELATIONSHIP_REQUIRED': '이 작업을 하려면 이 고객과 재판매인 관계가 있어야 합니다.',
  'error.CUSTOMER_ADMIN_REQUIRED':
    '조직의 Microsoft Entra 테넌트 전역 관리자만 이 초대를 수락하거나 거절할 수 있는데, 현재 전역 관리자로 로그인되어 있지 않습니다. 아무것도 수락하거나 거절되지 않았으며 링크는 그대로 사용할 수 있습니다. 테넌트의 전역 관리자에게 초대 메시지의 링크를 열고 로그인하도록 요청하세요.',
  'error.RELATIONSHIP_EXISTS': '이 고객은 이미 고객 목록에 있습니다.',
  'error.ATTESTATION_REQUIRED': '제거가 선의에 따른 것이며 정당한 비즈니스 목적을 위한 것임을 확인하세요.',
  'error.SELF_SALE': '파트너는 자신이나 계열사에 최종 고객으로 판매할 수 없습니다.',
  'error.CSP_TENANT_AS_CUSTOMER':
    '이 테넌트는 CSP 파트너의 CSP 테넌트이므로 고객이 될 수 없습니다. 자체 사용 목적의 구매는 별도의 고객 테넌트로 하세요.',
  'error.RESELLER_IS_PROVIDER_CUSTOMER':
    '이 공급자와 파트너 관계인 재판매인은 같은 테넌트로 그 공급자의 최종 고객이 될 수 없습니다. 다른 테넌트나 다른 공급자를 이용하세요.',
  'error.CUSTOMER_DOMAIN_TAKEN': '도메인 {domain}은(는) 이미 사용 중입니다.',

  'error.OFFER_NOT_FOUND': '선택한 제품 중 더 이상 사용할 수 없는 제품이 있습니다. 다시 선택하세요.',
  'error.QUANTITY_OUT_OF_RANGE': '라이선스 수는 {min}에서 {max} 사이여야 합니다.',

  'error.CSV_INVALID': '가져올 수 없는 행이 있습니다: {details}',
  'error.OFFER_RETIRED': '{offer} 제품은 카탈로그에서 판매가 중지되어 더 이상 주문할 수 없습니다.',
  'error.OFFER_EXISTS': '카탈로그에 제품 ID가 {offerId}인 제품이 이미 있습니다.',
  'error.PROGRAM_ADMIN_BOOTSTRAP':
    '이 프로그램 관리자는 봇 구성에 지정되어 있어 카드에서 해제할 수 없습니다. 봇 운영자에게 구성 변경을 요청하세요.',
  'error.LAST_PROGRAM_ADMIN': '유일한 프로그램 관리자입니다. 다른 사람에게 역할을 부여한 후에 해제하세요.',

  'error.PC_MFA_REQUIRED':
    '파트너 센터는 다단계 인증(MFA)을 사용한 로그인이 필요합니다. MFA를 사용하는 계정으로 다시 로그인하세요.',
  'error.PC_TENANT_MISMATCH':
    '이 계정은 다른 Microsoft Entra 조직의 계정입니다. 우리 조직의 파트너 센터 계정으로 로그인하세요.',
  'error.PC_NOT_LINKED': '조직에 연결된 파트너 센터 계정이 없습니다.',
  'error.PC_SIGN_IN_AGAIN':
    '조직의 파트너 센터 로그인이 만료되었거나 취소되었습니다. 관리자가 ‘파트너 센터’를 입력하여 다시 로그인해야 합니다.',
  'error.PC_SIGN_IN_INVALID':
    '로그인을 완료할 수 없습니다. 너무 오래전에 시작했거나 다른 브라우저에서 시작했습니다. Teams로 돌아가 ‘파트너 센터’를 입력하고 다시 시작하세요.',
  'error.PC_NOT_CONFIGURED': '이 봇에는 아직 파트너 센터 계정 연결이 설정되지 않았습니다. 봇 운영자에게 문의하세요.',
  'error.PC_UNAVAILABLE': '지금 파트너 센터가 응답하지 않습니다. 변경된 내용은 없습니다. 몇 분 후에 다시 시도하세요.',
  'error.PC_THROTTLED': '지금 파트너 센터에 요청이 너무 많습니다. 변경된 내용은 없습니다. 몇 분 후에 다시 시도하세요.',
  'error.PC_ACCESS_DENIED':
    '파트너 센터가 조직의 연결된 계정을 거부했습니다. 변경된 내용은 없습니다. 관리자가 ‘파트너 센터’를 입력하여 연결을 확인할 수 있습니다.',
  'error.PC_REFUSED': '파트너 센터가 이 요청을 받아들이지 않았습니다. 변경된 내용은 없습니다.',
  'error.PC_RESELLER_UNKNOWN': '파트너 센터에 {org}의 MPN ID로 된 간접 리셀러 계정이 없습니다. 변경된 내용은 없습니다.',
  'error.PC_RESELLER_OTHER_REGION':
    '파트너 센터에서 {org}은(는) 다른 CSP 지역에 속해 있습니다. 변경된 내용은 없습니다.',
  'error.PC_REMOVAL_BLOCKED':
    '파트너 센터는 고객의 활성 구독을 일시 중단하고 Azure 예약을 취소한 후에만 고객 관계를 제거합니다. 변경된 내용은 없습니다.',
  'error.PC_CUSTOMER_DETAILS_REQUIRED':
    '파트너 센터에서 새 고객을 만들려면 청구 담당자(이름, 이메일)와 주소(도로명, 도시, 우편번호)가 필요합니다.',
  'error.PC_SUPPORT_CONTACT_NEW_COMMERCE':
    '파트너 센터는 새 상거래 구독의 지원 담당자를 관리하지 않습니다. 아무것도 변경되지 않았습니다.',
  'error.PC_SUPPORT_CONTACT_CLEAR':
    '파트너 센터에서는 구독의 지원 담당자를 다른 재판매인으로 바꿀 수는 있지만 제거할 수는 없습니다. 아무것도 변경되지 않았습니다.',
  'error.PC_SUBSCRIPTION_NOT_IN_PARTNER_CENTER':
    '파트너 센터에 이 구독과 일치하는 구독이 없어 지원 담당자를 설정할 수 없습니다. 아무것도 변경되지 않았습니다.',

  'error.GRAPH_UNAVAILABLE':
    '지금 Microsoft Graph가 응답하지 않습니다. 변경된 내용은 없습니다. 몇 분 후에 다시 시도하세요.',
  'error.GRAPH_THROTTLED':
    '지금 Microsoft Graph에 요청이 너무 많습니다. 변경된 내용은 없습니다. 몇 분 후에 다시 시도하세요.',
  'error.GRAPH_ACCESS_DENIED':
    'Microsoft Graph가 조직에 연결된 계정의 관리자 관계 접근을 거부했습니다. 변경된 내용은 없습니다. 관리자가 “파트너 센터”를 입력하고 다시 로그인하여 권한을 부여할 수 있습니다.',
  'error.GRAPH_REFUSED': 'Microsoft Graph가 이 관리자 관계 요청을 받아들이지 않았습니다. 변경된 내용은 없습니다.',
  'error.GRAPH_NOT_FOUND': 'Microsoft Graph에 조직의 해당 관리자 관계가 없습니다.',

  'error.GDAP_NAME_TAKEN': '조직에 이미 “{name}”(이)라는 GDAP 관계가 있습니다. 다른 이름(최대 50자)을 선택하세요.',
  'error.GDAP_AUTO_EXTEND_GLOBAL_ADMIN':
    '역할에 전역 관리자가 포함되어 있으면 자동 연장을 사용할 수 없습니다. 자동 연장을 끄거나 전역 관리자를 빼세요.',
  'error.GDAP_CUSTOMER_NOT_SERVED':
    '조직이 {customer}과(와) 재판매인 관계가 없으므로 해당 고객에 관리자 권한을 요청할 수 없습니다.',
  'error.GDAP_WAITING_FOR_RESELLER':
    '이 요청은 간접 재판매인 {reseller}의 동의를 기다리고 있습니다. 동의한 후에 고객이 승인할 수 있습니다.',
  'error.GDAP_NOT_THE_RESELLER': '이 요청에 지정된 간접 재판매인만 동의하거나 거절할 수 있습니다.',
  'error.GDAP_WRONG_STATE': '이 GDAP 관계는 현재 {gdapState} 상태이므로 지금은 이 작업을 할 수 없습니다.',
  'error.GDAP_CUSTOMER_ADMIN_REQUIRED':
    '{customer}의 Microsoft Entra 테넌트 전역 관리자만 이 요청을 승인하거나 거절할 수 있으며, 현재 전역 관리자로 로그인되어 있지 않습니다. 승인되거나 거절된 내용은 없으며 링크는 계속 사용할 수 있습니다. 해당 테넌트의 전역 관리자에게 링크를 열고 로그인하도록 요청하세요.',
  'error.GDAP_ROLE_NOT_GRANTED': '{role}은(는) 이 GDAP 관계의 역할이 아닙니다. 고객이 승인한 역할만 선택하세요.',
  'error.GDAP_GROUP_ASSIGNED':
    '보안 그룹 {group}은(는) 이 관계에서 이미 액세스 권한이 있습니다. 역할을 바꾸려면 먼저 할당을 제거하세요.',

  'role.global_admin': '전역 관리자',
  'role.user_admin': '사용자 관리자',
  'role.admin_agent': '관리 에이전트',
  'role.sales_agent': '판매 에이전트',
  'role.helpdesk_agent': '기술 지원 에이전트',
  'role.billing_admin': '청구 관리자',
  'role.business_profile_admin': '비즈니스 프로필 관리자',
} satisfies Record<keyof typeof en, string>;
