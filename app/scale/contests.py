"""Rows for the online party-history contest (百年党史知多少): a question bank,
a contest a quarter, and each entrant's attempt, answers and score. The
keenest residents enter most contests."""
import json

import numpy as np

from app.scale.copy_load import TableLoad
from app.scale.world import DAY

QUESTIONS = 200
PER_ATTEMPT = 10
SECONDS = 20


def contest_tables(world):
    s, when = world.size, world.when
    contests = 4 * s.years
    attempts = s.quiz_answers // PER_ATTEMPT
    per_contest = max(1, attempts // contests)
    starts = [world.start + (k + 1) * (world.anchor - world.start) // (contests + 1) for k in range(contests)]
    everyone = np.concatenate([world.community_pool[c] for c in range(1, s.communities + 1)])
    cdf = np.cumsum((np.arange(len(everyone)) + len(everyone) / 50) ** -1.0)

    def entrants(k):
        from app.scale.world import draw_unique
        return draw_unique(np.random.default_rng([world.seed, 3, k]), cdf, everyone, per_contest)

    def questions():
        for q in range(1, QUESTIONS + 1):
            at = when(world.start)
            yield (q, "single", "党史", ("easy", "medium", "hard")[q % 3], f"党史知识第{q}题：以下哪一项正确？",
                   json.dumps(["甲", "乙", "丙", "丁"], ensure_ascii=False), json.dumps([q % 4]), "见党史读本。",
                   True, at, at)

    def contest_rows():
        quotas = json.dumps([{"topic": "党史", "count": PER_ATTEMPT}], ensure_ascii=False)
        for k, at in enumerate(starts, start=1):
            yield (k, f"百年党史知多少·第{k}期", when(at), when(at + 7 * DAY), quotas, PER_ATTEMPT, SECONDS, 1,
                   "everyone", "[]", "at_close", 3, 1, when(at - DAY), when(at - DAY))

    def walk():
        """(contest, attempt id, user, its question ids, correct flags, elapsed ms, started) in id order."""
        attempt = 0
        for k, at in enumerate(starts):
            rng = np.random.default_rng([world.seed, 4, k])
            for user in entrants(k):
                attempt += 1
                picked = rng.choice(QUESTIONS, PER_ATTEMPT, replace=False) + 1
                correct = rng.random(PER_ATTEMPT) < 0.75
                elapsed = rng.integers(2_000, SECONDS * 1000, PER_ATTEMPT)
                started = at + int(rng.integers(0, 6 * DAY))
                yield k + 1, attempt, int(user), picked, correct, elapsed, started

    def attempt_rows():
        for contest, attempt, user, picked, correct, elapsed, started in walk():
            done = started + int(elapsed.sum()) // 1000 + 1
            yield (attempt, contest, user, 1, json.dumps(picked.tolist()), json.dumps([[0, 1, 2, 3]] * PER_ATTEMPT),
                   "finished", PER_ATTEMPT, when(done), when(done), when(started), when(done), int(correct.sum()),
                   int(elapsed.sum()))

    def answer_rows():
        n = 0
        for _, attempt, _, picked, correct, elapsed, started in walk():
            moment = started
            for position in range(PER_ATTEMPT):
                n += 1
                moment += int(elapsed[position]) // 1000
                question = int(picked[position])
                chosen = question % 4 if correct[position] else (question + 1) % 4
                yield (n, attempt, position, question, f"[{chosen}]", bool(correct[position]), False,
                       int(elapsed[position]), when(moment))

    def score_rows():
        for contest, attempt, user, _, correct, elapsed, started in walk():
            yield (attempt, contest, user, attempt, int(correct.sum()), int(elapsed.sum()),
                   int(world.user_community[user]), when(started + int(elapsed.sum()) // 1000 + 1))

    total = contests * per_contest
    return [
        TableLoad("quiz_questions", ("id", "kind", "topic", "difficulty", "stem", "options", "answer",
                                     "explanation", "is_active", "created_at", "updated_at"),
                  questions, QUESTIONS, "quiz questions"),
        TableLoad("quiz_contests", ("id", "title", "starts_at", "ends_at", "quotas", "question_count",
                                    "seconds_per_question", "attempts_allowed", "entry", "unit_ids", "leaderboard",
                                    "certificate_top", "created_by_id", "created_at", "updated_at"),
                  contest_rows, contests, "quiz contests"),
        TableLoad("quiz_attempts", ("id", "contest_id", "user_id", "number", "question_ids", "option_orders",
                                    "status", "position", "served_at", "deadline_at", "started_at", "finished_at",
                                    "correct_count", "total_ms"), attempt_rows, total, "quiz attempts"),
        TableLoad("quiz_answers", ("id", "attempt_id", "position", "question_id", "chosen", "is_correct", "late",
                                   "elapsed_ms", "answered_at"), answer_rows, total * PER_ATTEMPT, "quiz answers"),
        TableLoad("quiz_scores", ("id", "contest_id", "user_id", "attempt_id", "correct_count", "total_ms",
                                  "community_id", "finished_at"), score_rows, total, "quiz scores"),
    ]
