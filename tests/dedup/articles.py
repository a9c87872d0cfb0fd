"""Hand-written news-style articles for the near-duplicate tests (no real outlet's text).

``HOSPITAL`` is the story that gets copied and edited; ``HOSPITAL_OTHER`` and ``HOSPITAL_THIRD``
report the same event with the same names and topic words but in their own words, as a second
outlet would; ``FLOODS`` is an unrelated story.
"""

from __future__ import annotations

HOSPITAL = """The main hospital in the north of the city ran out of fuel on Tuesday, doctors said, forcing \
surgeons to operate by the light of mobile phones as fighting continued in nearby streets.

Dr. Amira Haddad, the hospital's director, said the generators stopped shortly after midnight and \
that two patients in intensive care had died since then. "We have no electricity, no clean water and \
no way to keep the incubators running," she told reporters at the hospital gate.

The health ministry said 14 people had been killed and more than 60 wounded in strikes overnight. \
The figures could not be independently verified.

Aid agencies have warned for weeks that fuel stocks were running low. A convoy of 20 trucks carrying \
medicine and food was waiting at the border crossing on Tuesday, but officials said it had not been \
given permission to enter.

The United Nations humanitarian office called for an immediate pause in the fighting to allow fuel \
to reach hospitals. "Every hour without power puts the lives of newborn babies and dialysis patients \
at risk," a spokesman said in a statement.

Residents said they had spent the night in stairwells and basements. Many families have moved in with \
relatives in the south of the city, where shops are still open but bread and water are scarce.

The army said it was targeting militant positions and accused fighters of using civilian buildings \
for cover, a claim the hospital's director rejected. Talks on a ceasefire are expected to resume in \
Cairo on Thursday, according to two officials briefed on the negotiations.
"""

HOSPITAL_OTHER = """Doctors at the largest hospital in the northern part of the city were forced to work \
in darkness on Tuesday after its fuel ran out, according to the hospital's director, Amira Haddad.

Haddad said two intensive care patients had died after the generators failed around midnight, and \
warned that premature babies in incubators were in danger. Medical staff used phone torches to finish \
operations, she said.

At least 14 people died and over 60 were injured in overnight strikes, the health ministry reported. \
The army said it had hit militant targets and that fighters were hiding among civilians.

Twenty aid trucks loaded with food and medicine remained stuck at the border crossing, waiting for \
permission to enter. UN officials have repeatedly asked for a humanitarian pause so that fuel can be \
delivered to hospitals and water plants.

Negotiators are due to meet again in Cairo on Thursday to discuss a ceasefire, officials said. Many \
residents of the north have fled south, where food and drinking water are in short supply.
"""

HOSPITAL_THIRD = """Two patients in intensive care died after the hospital in the north of the city \
lost power overnight, its director said on Tuesday, as strikes killed 14 people according to the \
health ministry.

The hospital has been relying on generators for weeks. Dr. Amira Haddad said staff were now treating \
the wounded with torches and had moved newborn babies out of incubators to keep them warm by hand.

The United Nations has called for fuel to be let in for hospitals. A convoy of trucks with medicine \
is waiting at the border, officials said, while talks on a ceasefire are set to resume in Cairo on \
Thursday. The army says it targets only militants, which Haddad denied.
"""

FLOODS = """Heavy rain caused rivers to burst their banks across the southern province on Monday, \
flooding hundreds of homes and cutting road links to at least a dozen villages, local officials said.

Rescue teams used boats to evacuate elderly residents from the worst-hit districts, and schools were \
closed as a precaution. The national weather service warned that more rain was expected through \
Wednesday and urged people living near rivers to move to higher ground.

Farmers said the floods had destroyed crops weeks before the harvest. The provincial governor said \
emergency funds would be released to help families whose homes had been damaged, and that the army \
had been asked to help repair a collapsed bridge on the main highway.
"""

# The same hospital story in Penn-Treebank tokenisation, one sentence per line, as in T17.
HOSPITAL_PTB_START = (
    "The main hospital in the north of the city ran out of fuel on Tuesday , doctors said , forcing "
    "surgeons to operate by the light of mobile phones as fighting continued in nearby streets . \n"
)
