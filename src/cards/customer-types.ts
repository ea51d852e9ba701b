/** Data of the customer cards (issue 6): one general template, cards/customer.json. */
export const customerCardNames = ['customer'] as const;

export interface CButton {
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface CustomerCardData {
  readonly title: string;
  readonly notices: readonly {
    text: string;
    color: 'Default' | 'Good' | 'Attention' | 'Warning';
    weight: 'Default' | 'Bolder';
  }[];
  readonly texts: readonly { text: string }[];
  readonly facts: readonly { title: string; value: string }[];
  readonly rows: readonly { heading: string; detail: string; buttons: readonly CButton[] }[];
  readonly inputs: readonly {
    id: string;
    label: string;
    value: string;
    placeholder: string;
    multiline: boolean;
    required: boolean;
    errorMessage: string;
    maxLength: number;
  }[];
  readonly numbers: readonly { id: string; label: string; value: number; min: number; max: number }[];
  readonly choiceSets: readonly {
    id: string;
    label: string;
    value: string;
    required: boolean;
    errorMessage: string;
    choices: readonly { title: string; value: string }[];
  }[];
  /** the domain refuses an unticked attestation and the card comes back with the reason */
  readonly toggles: readonly { id: string; title: string }[];
  readonly actions: readonly (CButton & {
    inputsMode: 'auto' | 'none';
    style: 'default' | 'positive' | 'destructive';
  })[];
}

export interface CustomerCards {
  readonly customer: CustomerCardData;
}
