import { describe, expect, it } from "vitest";
import { scoreQuiz, validateAnswers } from "~/learning/scoring";

const quiz = [
  {
    id: "q1",
    kind: "single" as const,
    options: [
      { id: "a", isCorrect: true },
      { id: "b", isCorrect: false },
    ],
  },
  {
    id: "q2",
    kind: "multiple" as const,
    options: [
      { id: "c", isCorrect: true },
      { id: "d", isCorrect: true },
      { id: "e", isCorrect: false },
    ],
  },
  {
    id: "q3",
    kind: "single" as const,
    options: [
      { id: "f", isCorrect: false },
      { id: "g", isCorrect: true },
    ],
  },
];

describe("quiz scoring", () => {
  it("scores a multiple-choice question only when exactly the correct options are chosen", () => {
    expect(
      scoreQuiz(quiz, { q1: ["a"], q2: ["c", "d"], q3: ["g"] }, 100).questions.map(
        (q) => q.correct,
      ),
    ).toEqual([true, true, true]);
    expect(scoreQuiz(quiz, { q1: ["a"], q2: ["c"], q3: ["g"] }, 100).questions[1].correct).toBe(
      false,
    );
    expect(
      scoreQuiz(quiz, { q1: ["a"], q2: ["c", "d", "e"], q3: ["g"] }, 100).questions[1].correct,
    ).toBe(false);
  });

  it("rounds the percentage down so 2 of 3 against a 67% pass mark fails", () => {
    const r = scoreQuiz(quiz, { q1: ["a"], q2: ["c", "d"], q3: ["f"] }, 67);
    expect(r).toMatchObject({ correct: 2, total: 3, score: 66, passed: false });
    expect(scoreQuiz(quiz, { q1: ["a"], q2: ["c", "d"], q3: ["f"] }, 66).passed).toBe(true);
  });

  it("never passes an empty quiz", () => {
    expect(scoreQuiz([], {}, 0).passed).toBe(false);
  });

  it("asks for an answer to every question, and only one for a single-choice question, ignoring options from elsewhere", () => {
    const { errors, answers } = validateAnswers(quiz, {
      q1: ["a", "b"],
      q2: ["zzz"],
      q3: ["g", "c"],
    });
    expect(errors).toEqual({
      q1: "Select only one answer to question 1",
      q2: "Select at least one answer to question 2",
    });
    expect(answers.q3).toEqual(["g"]);
  });

  it("does not score one right and one wrong ticked option as correct (issue 20)", () => {
    const r = scoreQuiz(quiz, { q1: ["a"], q2: ["c", "e"], q3: ["g"] }, 60);
    expect(r.questions[1]).toEqual({ id: "q2", correct: false });
    expect(r).toMatchObject({ correct: 2, total: 3, score: 66, passed: true });
  });

  it("scores an empty quiz as 0%, never NaN", () => {
    const r = scoreQuiz([], {}, 0);
    expect(r).toEqual({ correct: 0, total: 0, score: 0, passed: false, questions: [] });
  });

  it("never scores a single-choice question answered with two options, even if both were marked correct", () => {
    const odd = [
      {
        id: "s",
        kind: "single" as const,
        options: [
          { id: "x", isCorrect: true },
          { id: "y", isCorrect: true },
        ],
      },
    ];
    expect(scoreQuiz(odd, { s: ["x", "y"] }, 0).questions[0].correct).toBe(false);
    const none = [{ id: "n", kind: "single" as const, options: [{ id: "x", isCorrect: false }] }];
    expect(scoreQuiz(none, {}, 0).questions[0].correct).toBe(false);
    // A multiple-choice question whose every option is wrong is answered by ticking none of them.
    const noneRight = [
      { id: "m", kind: "multiple" as const, options: [{ id: "x", isCorrect: false }] },
    ];
    expect(scoreQuiz(noneRight, {}, 0).questions[0].correct).toBe(true);
    expect(scoreQuiz(noneRight, { m: ["x"] }, 0).questions[0].correct).toBe(false);
  });

  it("asks for an answer to an unanswered single-choice question, and accepts several for a multiple-choice one", () => {
    const { errors, answers } = validateAnswers(quiz, { q2: ["c", "d", "c"], q3: ["g"] });
    expect(errors).toEqual({ q1: "Select an answer to question 1" });
    expect(answers).toEqual({ q1: [], q2: ["c", "d"], q3: ["g"] });
  });
});
