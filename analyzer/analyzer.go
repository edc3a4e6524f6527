// Package analyzer finds the actors a news article mentions and the frames
// (leader, catching-up, race, threat) its sentences attach to them, with the
// evidence for each: the sentence, the cue, the mention and the rule.
//
// A sentence goes through explicit stages, each in its own file:
//
//   - mentions (mentions.go): gazetteer names and version patterns (GPT-4o,
//     Qwen3), home words, anaphora, names the gazetteer does not know, and
//     settings and modifiers that are not actors (leads in China, 韩国三星);
//   - clauses and roles (clauses.go): clause breaks, lists, comparison
//     partners (与X相比, than X, compared to rivals like X), passives;
//   - scope (scope.go): whether a cue is a frame at all (word sense, object
//     that is a thing, negation and modality, the domain gate, rankings
//     inside a country);
//   - frames (frames.go): subject and object roles of each cue, implicit and
//     omitted subjects, derivative labels, yardsticks;
//   - roll-up (rollup.go): products to makers, makers to countries, one
//     attribution per actor and frame with its evidence and score.
//
// The words every stage uses are the codebook's (codebook.yaml), so that a
// researcher can read and change the rules without reading Go. Validate and
// Agreement score the coder against hand-coded gold sets, including
// real-text sets whose sentences are read from their source files by hash
// (realtext.go).
package analyzer
