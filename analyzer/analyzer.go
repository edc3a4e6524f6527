// Package analyzer finds the actors a news article mentions and the frames
// (leader, catching-up, race, threat) its sentences attach to them, with the
// evidence for each: the sentence, the cue, the mention and the rule.
package analyzer
