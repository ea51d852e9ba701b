import type { offers as en } from '../en-US/offers.js';

/** 제품 카탈로그 (issue 14): `제품 카탈로그` 명령, 카드, 봇에 보낸 파일. */
export const offers: Record<keyof typeof en, string> = {
  'command.offers.description': '프로그램 관리자: 제품을 조회, 추가, 판매 중지하고 CSV 파일을 보내 가져옵니다.',

  'offers.title': '제품 카탈로그',
  'offers.intro':
    '파트너가 주문할 수 있는 제품입니다. 판매 중지된 제품은 기존 구독에 그대로 남고 더 이상 주문할 수 없습니다.',
  'offers.fileHint':
    '제품을 한꺼번에 가져오려면(또는 MPN 등록 정보) 이 채팅에 CSV 파일을 보내세요: offerId,nameEn,nameKo,minQuantity,maxQuantity, 그리고 선택적으로 active.',
  'offers.empty': '카탈로그가 비어 있습니다. 제품을 추가하거나 이 채팅에 CSV 파일을 보내세요.',
  'offers.page': '{page}페이지',
  'offers.previous': '이전',
  'offers.next': '다음',
  'offers.retiredName': '{name} (판매 중지)',
  'offers.row': '라이선스 {min}–{max}개 · {state} · {subs}',
  'offers.subs.none': '구독 없음',
  'offers.subs.one': '구독 {count}개',
  'offers.subs.other': '구독 {count}개',
  'offers.state.active': '주문 가능',
  'offers.state.retired': '판매 중지',
  'offers.retire': '판매 중지',
  'offers.restore': '판매 재개',
  'offers.add': '제품 추가',
  'offers.retired': '{name} 제품의 판매를 중지했습니다. 더 이상 주문할 수 없으며 기존 구독은 유지됩니다.',
  'offers.restored': '{name} 제품을 다시 주문할 수 있습니다.',
  'offers.alreadyRetired': '{name} 제품은 이미 판매 중지 상태입니다. 변경된 내용이 없습니다.',
  'offers.alreadyActive': '{name} 제품은 이미 주문할 수 있습니다. 변경된 내용이 없습니다.',
  'offers.added': '{name} 제품을 카탈로그에 추가했습니다.',

  'offers.form.title': '제품 추가',
  'offers.form.intro':
    '제품 ID는 가격표의 ID입니다(영문자, 숫자, . _ : -). 추가를 선택하기 전에는 아무것도 바뀌지 않습니다.',
  'offers.form.offerId': '제품 ID',
  'offers.form.nameEn': '영어 이름',
  'offers.form.nameKo': '한국어 이름',
  'offers.form.min': '주문당 최소 라이선스 수',
  'offers.form.max': '주문당 최대 라이선스 수',
  'offers.form.required': '필수 항목입니다',
  'offers.form.submit': '추가',
  'offers.form.cancel': '카탈로그로 돌아가기',

  'files.offersTitle': '제품 카탈로그를 가져왔습니다',
  'files.mpnTitle': 'MPN 등록 정보를 가져왔습니다',
  'files.rejectedTitle': '아무것도 가져오지 않았습니다',
  'files.fileName': '파일',
  'files.added': '추가됨',
  'files.updated': '변경됨',
  'files.unchanged': '변경 없음',
  'files.fixRows': '아래 행을 고친 뒤 파일을 다시 보내세요. 아무것도 가져오지 않았습니다.',
  'files.moreProblems': '…외 {count}건.',
  'files.problem': '{line}행: {reason}',
  'files.problemField': '{line}행, {field}: {reason}',
  'files.notCsv': 'CSV 파일(.csv)만 가져올 수 있습니다. {name}에서 아무것도 가져오지 않았습니다.',
  'files.unknownHeader':
    '{name} 파일을 알아볼 수 없습니다. 첫 줄은 offerId,nameEn,nameKo,minQuantity,maxQuantity[,active](제품 카탈로그) 또는 mpnId,orgName,country,active(MPN 등록 정보)여야 합니다. 아무것도 가져오지 않았습니다.',
  'files.tooLarge': '{name} 파일이 한 번에 가져올 수 있는 크기({limit}KB)보다 큽니다. 아무것도 가져오지 않았습니다.',
  'files.downloadFailed':
    'Teams에서 {name} 파일을 내려받지 못했습니다. 다시 보내 주세요. 아무것도 가져오지 않았습니다.',
  'files.notText':
    '{name} 파일이 UTF-8 텍스트가 아닙니다. "CSV UTF-8" 형식으로 저장해 다시 보내 주세요. 아무것도 가져오지 않았습니다.',
  'files.invalid': 'Teams에서 읽을 수 없는 파일을 보냈습니다. 다시 보내 주세요. 아무것도 가져오지 않았습니다.',
  'files.personalOnly': '파일은 저와의 개인 채팅으로 보내 주세요.',

  'offers.problem.empty_file': '파일이 비어 있습니다',
  'offers.problem.header': '첫 줄은 offerId,nameEn,nameKo,minQuantity,maxQuantity(선택적으로 active)여야 합니다',
  'offers.problem.syntax': '따옴표가 닫히지 않았거나 닫는 따옴표 뒤에 글자가 있습니다',
  'offers.problem.field_count': '한 행에 값이 5개(active가 있으면 6개) 있어야 합니다',
  'offers.problem.missing': '비어 있습니다',
  'offers.problem.too_long': '너무 깁니다',
  'offers.problem.bad_id': '영문자, 숫자, . _ : - 만 쓸 수 있습니다',
  'offers.problem.not_whole_number': '정수가 아닙니다',
  'offers.problem.out_of_range': '1에서 100000 사이여야 합니다',
  'offers.problem.below_min': 'minQuantity보다 작습니다',
  'offers.problem.not_true_false': 'true 또는 false여야 합니다',
  'offers.problem.duplicate': '같은 제품이 {firstLine}행에도 있습니다',
};
