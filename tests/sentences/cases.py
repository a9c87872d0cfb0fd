"""Hand-labelled tricky news paragraphs with their gold sentences (used by tests and the bench).

Each case is ``(name, text, sentences)``: the gold sentences appear in ``text`` in order, each
exactly as it should be cut (trimmed). The texts are written in the style of wire copy; the
labels follow what a timeline summary should cite: a closing quote stays with its sentence, a
dateline stays with the first sentence, list items are sentences of their own.
"""

from __future__ import annotations

CASES: list[tuple[str, str, list[str]]] = [
    (
        "dateline_ap",
        "GAZA CITY (AP) — Israeli troops pushed deeper into Gaza City on Tuesday. "
        "The military said it had encircled the city.",
        [
            "GAZA CITY (AP) — Israeli troops pushed deeper into Gaza City on Tuesday.",
            "The military said it had encircled the city.",
        ],
    ),
    (
        "dateline_reuters_date",
        "WASHINGTON, Nov. 7 (Reuters) - U.S. Secretary of State Antony Blinken met Arab ministers. "
        "He urged a pause in the fighting.",
        [
            "WASHINGTON, Nov. 7 (Reuters) - U.S. Secretary of State Antony Blinken met Arab ministers.",
            "He urged a pause in the fighting.",
        ],
    ),
    (
        "us_before_noun",
        "The U.S. Army said two soldiers were wounded. U.N. Secretary-General Antonio Guterres "
        "called for a ceasefire.",
        [
            "The U.S. Army said two soldiers were wounded.",
            "U.N. Secretary-General Antonio Guterres called for a ceasefire.",
        ],
    ),
    (
        "us_sentence_final",
        "The aid convoy was paid for by the U.S. The first trucks crossed at noon.",
        ["The aid convoy was paid for by the U.S.", "The first trucks crossed at noon."],
    ),
    (
        "military_titles",
        "Lt. Col. Richard Hecht told reporters the operation would continue. Gen. Herzi Halevi "
        "visited the troops.",
        [
            "Lt. Col. Richard Hecht told reporters the operation would continue.",
            "Gen. Herzi Halevi visited the troops.",
        ],
    ),
    (
        "political_titles",
        "Sen. Lindsey Graham and Rep. Nancy Pelosi spoke after Gov. Ron DeSantis. Mr. Biden did not "
        "attend. Dr. Fauci sent a statement.",
        [
            "Sen. Lindsey Graham and Rep. Nancy Pelosi spoke after Gov. Ron DeSantis.",
            "Mr. Biden did not attend.",
            "Dr. Fauci sent a statement.",
        ],
    ),
    (
        "company_suffix_midsentence",
        "Apple Inc. Chief Executive Tim Cook said sales rose. General Motors Corp. shares fell 3%.",
        ["Apple Inc. Chief Executive Tim Cook said sales rose.", "General Motors Corp. shares fell 3%."],
    ),
    (
        "company_suffix_final",
        "The contract went to Boeing Co. The Air Force said the decision was final.",
        ["The contract went to Boeing Co.", "The Air Force said the decision was final."],
    ),
    (
        "month_abbreviations",
        "The talks began on Jan. 5 and ended Feb. 12. A second round is due in Sept. or Oct. "
        "Officials declined to comment.",
        [
            "The talks began on Jan. 5 and ended Feb. 12.",
            "A second round is due in Sept. or Oct.",
            "Officials declined to comment.",
        ],
    ),
    (
        "time_abbreviations",
        "The blast happened at 9:30 a.m. local time. Rescuers arrived by 11 p.m. The search "
        "continued overnight.",
        [
            "The blast happened at 9:30 a.m. local time.",
            "Rescuers arrived by 11 p.m.",
            "The search continued overnight.",
        ],
    ),
    (
        "number_abbreviation",
        "Protesters gathered outside No. 10 Downing Street. Police made 14 arrests.",
        ["Protesters gathered outside No. 10 Downing Street.", "Police made 14 arrests."],
    ),
    (
        "initials",
        "The memorial honours John F. Kennedy and Martin Luther King Jr. Both were assassinated in the 1960s.",
        [
            "The memorial honours John F. Kennedy and Martin Luther King Jr.",
            "Both were assassinated in the 1960s.",
        ],
    ),
    (
        "george_w_bush",
        "George W. Bush signed the bill. It took effect in 2009.",
        ["George W. Bush signed the bill.", "It took effect in 2009."],
    ),
    (
        "closing_quote",
        '"We will win." He said the war would be long.',
        ['"We will win."', "He said the war would be long."],
    ),
    (
        "quote_said_after",
        '"We will not stop until the hostages are home," Netanyahu said. "Not one of them." '
        "The cabinet met later.",
        [
            '"We will not stop until the hostages are home," Netanyahu said.',
            '"Not one of them."',
            "The cabinet met later.",
        ],
    ),
    (
        "question_in_quote",
        '"Where are the trucks?" asked one aid worker. Nobody answered.',
        ['"Where are the trucks?" asked one aid worker.', "Nobody answered."],
    ),
    (
        "multi_sentence_quote_curly",
        "Blinken said: “We have made progress. There is more to do.” Talks resume on Monday.",
        [
            "Blinken said: “We have made progress.",
            "There is more to do.”",
            "Talks resume on Monday.",
        ],
    ),
    (
        "bullets_dot",
        "Key points:\n• Israel says 239 hostages are held in Gaza\n• The UN says 1.5 million people "
        "have fled\n• Aid trucks crossed from Egypt",
        [
            "Key points:",
            "• Israel says 239 hostages are held in Gaza",
            "• The UN says 1.5 million people have fled",
            "• Aid trucks crossed from Egypt",
        ],
    ),
    (
        "bullets_numbered",
        "What we know:\n1. The plane left at 8 a.m.\n2. It lost contact over the sea.\n3. No wreckage has been found.",
        [
            "What we know:",
            "1. The plane left at 8 a.m.",
            "2. It lost contact over the sea.",
            "3. No wreckage has been found.",
        ],
    ),
    (
        "bullets_dash_star",
        "- Oil prices rose 2%\n- Stocks fell in Asia\n* The dollar was flat",
        ["- Oil prices rose 2%", "- Stocks fell in Asia", "* The dollar was flat"],
    ),
    (
        "ellipsis_continuation",
        "He said the deal was dead... but talks could resume. The markets rallied.",
        ["He said the deal was dead... but talks could resume.", "The markets rallied."],
    ),
    (
        "ellipsis_boundary",
        "The ceasefire held for an hour… Then the shelling began again.",
        ["The ceasefire held for an hour…", "Then the shelling began again."],
    ),
    (
        "decimals_and_money",
        "The economy grew 3.5 percent in the quarter. Exports rose to $1.2 billion.",
        ["The economy grew 3.5 percent in the quarter.", "Exports rose to $1.2 billion."],
    ),
    (
        "url_and_email",
        "Details are at www.un.org/en/situation. Reporters can write to press@un.org for access. "
        "The briefing starts at noon.",
        [
            "Details are at www.un.org/en/situation.",
            "Reporters can write to press@un.org for access.",
            "The briefing starts at noon.",
        ],
    ),
    (
        "paragraphs",
        "The storm hit the coast on Friday.\n\nThousands lost power. Schools were closed\n\n"
        "Officials expect repairs to take a week.",
        [
            "The storm hit the coast on Friday.",
            "Thousands lost power.",
            "Schools were closed",
            "Officials expect repairs to take a week.",
        ],
    ),
    (
        "headline_line",
        "Quake kills hundreds in Haiti\nA powerful earthquake struck Haiti on Tuesday. Hundreds died.",
        ["Quake kills hundreds in Haiti", "A powerful earthquake struck Haiti on Tuesday.", "Hundreds died."],
    ),
    (
        "wrapped_lines",
        "The minister said the government would review\nthe decision after the election. He gave no date.",
        [
            "The minister said the government would review\nthe decision after the election.",
            "He gave no date.",
        ],
    ),
    (
        "ptb_line_per_sentence",
        "The tremor hit at 1653 -LRB- 2153 GMT -RRB- , about 15km south-west of Port-au-Prince . \n"
        "The U.S. Geological Survey said it was 7.0 magnitude . \n",
        [
            "The tremor hit at 1653 -LRB- 2153 GMT -RRB- , about 15km south-west of Port-au-Prince .",
            "The U.S. Geological Survey said it was 7.0 magnitude .",
        ],
    ),
    (
        "ptb_quotes",
        "`` We need water , '' said Jean Pierre . `` We have nothing . '' He cried .",
        ["`` We need water , '' said Jean Pierre .", "`` We have nothing . ''", "He cried ."],
    ),
    (
        "ptb_us_detached",
        "The U.S . military said it would send ships . Gen. Ken Keen arrived on Jan. 14 .",
        ["The U.S . military said it would send ships .", "Gen. Ken Keen arrived on Jan. 14 ."],
    ),
    (
        "ptb_us_final",
        "Aid came from the U.S. . The first planes landed on Wednesday .",
        ["Aid came from the U.S. .", "The first planes landed on Wednesday ."],
    ),
    (
        "ptb_brackets_final",
        "Obama spoke to Preval -LRB- the Haitian president . -RRB- They agreed on aid .",
        ["Obama spoke to Preval -LRB- the Haitian president . -RRB-", "They agreed on aid ."],
    ),
    (
        "exclamation",
        "Yahoo! said its profit fell. Shareholders were angry!  The stock dropped.",
        ["Yahoo! said its profit fell.", "Shareholders were angry!", "The stock dropped."],
    ),
    (
        "st_saint_and_street",
        "The service was held at St. Patrick's Cathedral. The crowd moved to Main St. The march ended there.",
        [
            "The service was held at St. Patrick's Cathedral.",
            "The crowd moved to Main St.",
            "The march ended there.",
        ],
    ),
    (
        "state_abbreviations",
        "The fire started near Paradise, Calif. The town was evacuated.",
        ["The fire started near Paradise, Calif.", "The town was evacuated."],
    ),
    (
        "eg_ie",
        "Some goods, e.g. medicine and fuel, were held at the border, i.e. at Rafah. Trucks waited for days.",
        [
            "Some goods, e.g. medicine and fuel, were held at the border, i.e. at Rafah.",
            "Trucks waited for days.",
        ],
    ),
    (
        "parenthetical_sentence",
        "The vote was delayed. (It had been set for Monday.) Lawmakers returned on Tuesday.",
        ["The vote was delayed.", "(It had been set for Monday.)", "Lawmakers returned on Tuesday."],
    ),
    (
        "year_final",
        "The war began in 2011. More than 300,000 people have died.",
        ["The war began in 2011.", "More than 300,000 people have died."],
    ),
    (
        "lowercase_after_abbrev",
        "Prices rose approx. five percent, according to the Dept. of Labor. Wages did not keep up.",
        ["Prices rose approx. five percent, according to the Dept. of Labor.", "Wages did not keep up."],
    ),
    (
        "washington_dc_final",
        "The rally was held in Washington, D.C. Organisers said 100,000 people came.",
        ["The rally was held in Washington, D.C.", "Organisers said 100,000 people came."],
    ),
    (
        "inline_bullets",
        "Latest: • Hospital hit in Gaza • Blinken lands in Tel Aviv • Oil rises",
        ["Latest:", "• Hospital hit in Gaza", "• Blinken lands in Tel Aviv", "• Oil rises"],
    ),
    (
        "crlf_text",
        "The court ruled on Monday.\r\nThe appeal was rejected.\r\n",
        ["The court ruled on Monday.", "The appeal was rejected."],
    ),
    (
        "abbreviation_then_bracket",
        "Airbus parent EADS N.V. (EADS) won the tender. Boeing said it would appeal.",
        ["Airbus parent EADS N.V. (EADS) won the tender.", "Boeing said it would appeal."],
    ),
    (
        "ellipsis_inside_quote",
        'The invitation reads, "One more thing...", the tagline of Steve Jobs. The event is on Tuesday.',
        ['The invitation reads, "One more thing...", the tagline of Steve Jobs.', "The event is on Tuesday."],
    ),
    (
        "quoted_question_mid_sentence",
        'Critics asked "What happens to the 10,000 workers?" in a letter on Monday. The company did not reply.',
        [
            'Critics asked "What happens to the 10,000 workers?" in a letter on Monday.',
            "The company did not reply.",
        ],
    ),
    (
        "hard_wrapped_text",
        "WASHINGTON (AP) -- The Senate voted on Tuesday to approve the bill after\n"
        "a long debate. Senator John McCain said the measure was a mistake and\n"
        "Democrats would regret it. The House is expected to vote on Thursday.\n"
        "President Bush said he would sign it.\n\nKey votes:\n- Senate: 61-38\n- House: pending\n",
        [
            "WASHINGTON (AP) -- The Senate voted on Tuesday to approve the bill after\na long debate.",
            "Senator John McCain said the measure was a mistake and\nDemocrats would regret it.",
            "The House is expected to vote on Thursday.",
            "President Bush said he would sign it.",
            "Key votes:",
            "- Senate: 61-38",
            "- House: pending",
        ],
    ),
]
