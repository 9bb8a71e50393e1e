// The 1–5 answer scales. Every option has words; the pupil scale adds a face (app/feedback/face.tsx)
// as decoration, hidden from screen readers, which read the words.
export interface ScaleOption {
  value: string;
  label: string;
  /** Show a face picture beside the words (pupil scale). */
  face?: boolean;
}

const AGREE: ScaleOption[] = [
  { value: "1", label: "Strongly disagree" },
  { value: "2", label: "Disagree" },
  { value: "3", label: "Neither agree nor disagree" },
  { value: "4", label: "Agree" },
  { value: "5", label: "Strongly agree" },
];

const SATISFIED: ScaleOption[] = [
  { value: "1", label: "Very dissatisfied" },
  { value: "2", label: "Dissatisfied" },
  { value: "3", label: "Neither satisfied nor dissatisfied" },
  { value: "4", label: "Satisfied" },
  { value: "5", label: "Very satisfied" },
];

const PUPIL_AGREE: ScaleOption[] = [
  { value: "1", label: "No, not at all", face: true },
  { value: "2", label: "Not really", face: true },
  { value: "3", label: "Not sure", face: true },
  { value: "4", label: "Yes, a bit", face: true },
  { value: "5", label: "Yes, a lot", face: true },
];

const PUPIL_LIKED: ScaleOption[] = [
  { value: "1", label: "I did not like it", face: true },
  { value: "2", label: "Not much", face: true },
  { value: "3", label: "It was OK", face: true },
  { value: "4", label: "I liked it", face: true },
  { value: "5", label: "I liked it a lot", face: true },
];

export function scaleFor(
  style: "standard" | "pupil",
  kind: "before_after" | "satisfaction" | "free_text",
): ScaleOption[] {
  if (style === "pupil") return kind === "satisfaction" ? PUPIL_LIKED : PUPIL_AGREE;
  return kind === "satisfaction" ? SATISFIED : AGREE;
}

/** The kinds of question a questionnaire can ask, for the leads' form. */
export const ITEM_KINDS: {
  value: "before_after" | "satisfaction" | "free_text";
  label: string;
  hint: string;
}[] = [
  {
    value: "before_after",
    label: "Statement asked before and after",
    hint: "Agree or disagree on a 1 to 5 scale, at the start and again at the end",
  },
  { value: "satisfaction", label: "Satisfaction", hint: "A 1 to 5 scale, asked at the end" },
  {
    value: "free_text",
    label: "Free text",
    hint: "An open question, asked at the end; answering is optional",
  },
];
