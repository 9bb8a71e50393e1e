// Quiz scoring: pure, so the rules are unit-tested. Runs only on the server (the browser never
// sees which options are correct). A question scores when the options chosen are exactly the
// correct ones: for a multiple-choice question, every correct option and no wrong one.

export interface ScorableQuestion {
  id: string;
  kind: "single" | "multiple";
  options: { id: string; isCorrect: boolean }[];
}

export type Answers = Record<string, string[]>;

export interface QuizScore {
  correct: number;
  total: number;
  /** Whole percent, rounded down, so a pass is never rounded up into existence. */
  score: number;
  passed: boolean;
  questions: { id: string; correct: boolean }[];
}

export function scoreQuiz(
  questions: ScorableQuestion[],
  answers: Answers,
  passMark: number,
): QuizScore {
  const results = questions.map((q) => {
    const chosen = new Set(answers[q.id] ?? []);
    const right = new Set(q.options.filter((o) => o.isCorrect).map((o) => o.id));
    const correct =
      chosen.size === right.size &&
      [...chosen].every((id) => right.has(id)) &&
      (q.kind === "multiple" || chosen.size === 1);
    return { id: q.id, correct };
  });
  const correct = results.filter((r) => r.correct).length;
  const total = questions.length;
  const score = total === 0 ? 0 : Math.floor((correct * 100) / total);
  return { correct, total, score, passed: total > 0 && score >= passMark, questions: results };
}

/**
 * Checks a submission against the quiz: every question answered, only its own options, one option
 * for a single-choice question. Returns the cleaned answers or an error per question.
 */
export function validateAnswers(
  questions: { id: string; kind: "single" | "multiple"; options: { id: string }[] }[],
  raw: Record<string, string[]>,
): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  questions.forEach((q, i) => {
    const allowed = new Set(q.options.map((o) => o.id));
    // Stryker disable next-line ArrayDeclaration: whatever stands in for no answer is filtered out as not one of the options
    const chosen = [...new Set(raw[q.id] ?? [])].filter((id) => allowed.has(id));
    if (chosen.length === 0) {
      errors[q.id] =
        q.kind === "single"
          ? `Select an answer to question ${i + 1}`
          : `Select at least one answer to question ${i + 1}`;
    } else if (q.kind === "single" && chosen.length > 1) {
      errors[q.id] = `Select only one answer to question ${i + 1}`;
    }
    answers[q.id] = chosen;
  });
  return { answers, errors };
}
