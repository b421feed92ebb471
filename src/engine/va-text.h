/* va-text.h — text normalisation and feature extraction for the recognizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Messages longer than this are analysed on their first VA_TEXT_MAX_BYTES bytes only: a trigger
 * is in the first sentences, and it bounds time and memory for pasted megabytes. */
#define VA_TEXT_MAX_BYTES 4096

/* The two feature families. Each is L2-normalised on its own by the recognizer, like a
 * union of two TF-IDF vectorizers. */
typedef enum
{
  VA_TEXT_GROUP_WORD = 0, /* stemmed words and word bigrams */
  VA_TEXT_GROUP_CHAR = 1, /* character 2-4-grams inside word boundaries */
  VA_TEXT_N_GROUPS
} VaTextGroup;

/* A hashed feature. The top bit of @key holds the VaTextGroup; collisions of the 63-bit hash are
 * negligible for bots of any realistic size. */
typedef struct
{
  guint64 key;
  float   count;
} VaTextFeature;

#define VA_TEXT_FEATURE_GROUP(key) ((VaTextGroup) ((key) >> 63))

typedef struct _VaTextAnalyzer VaTextAnalyzer;

char           *va_text_normalize          (const char      *text,
                                            gssize           length);

VaTextAnalyzer *va_text_analyzer_new       (const char      *language);
void            va_text_analyzer_free      (VaTextAnalyzer  *self);
gboolean        va_text_analyzer_has_stemmer (VaTextAnalyzer *self);
char           *va_text_analyzer_stem      (VaTextAnalyzer  *self,
                                            const char      *word);
guint           va_text_analyzer_extract   (VaTextAnalyzer  *self,
                                            const char      *text,
                                            GArray          *features);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VaTextAnalyzer, va_text_analyzer_free)

G_END_DECLS
