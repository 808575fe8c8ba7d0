#!/usr/bin/env python3
"""Build /work/main/eval/blind26/pacemaker/questions.jsonl (shuffled with random.Random(26))."""
import json
import random

OUT = "/work/main/eval/blind26/pacemaker/questions.jsonl"

ANSWER = [
    # what is a pacemaker
    ("what actually is this heart gadget they want to put in me and how big is it",
     ["A pacemaker is a small battery-powered device that helps your heart beat at a steady rate",
      "It is about the size of a matchbox."]),
    # why
    ("The consultant said I've got 'heart block'. Why does that mean I need one of these devices?",
     ["heart block, where the electrical signal is delayed or stopped on its way through the heart",
      "The most common reasons for needing a pacemaker are:"]),
    # types
    ("whats the diffrence between a single and a dual one",
     ["A single-chamber pacemaker has one lead, usually placed in the lower right chamber of the heart.",
      "A dual-chamber pacemaker has two leads"]),
    ("my neighbour said hers has no wires at all and went in through the top of her leg?? is that a thing",
     ["a tiny capsule placed inside the heart through a vein in the groin"]),
    # risks
    ("I read online that your lung can collapse when they do this. Is that true?",
     ["Rarely, the lung is punctured when a lead is placed, causing a partial collapse of the lung."]),
    # preparation list
    ("what do i need to pack for the hospital",
     ["bring a dressing gown, slippers and something to read",
      "bring a list of all the medicines you take, and the medicines themselves"]),
    ("I normally wear polo necks and jumpers, what clothes should I come in?",
     ["wear a loose top that buttons at the front, as this is easier to put on afterwards"]),
    # blood thinners
    ("i'm on warfarin for my AF do i carry on taking it up to the op",
     ["we will usually ask you to have an INR blood test a few days before your procedure",
      "we aim for an INR below 2.5 on the day"]),
    # diabetes
    ("I take metformin for my sugar. Do I still take it the morning I come in?",
     ["If you take tablets for diabetes, do not take them on the morning of your procedure"]),
    # fasting
    ("my slot is at 1pm, can i have brekkie and a cuppa before",
     ["Please do not eat anything for six hours before your admission time.",
      "You may drink water until two hours before you arrive."]),
    # on the day
    ("Please where I must go when I am arriving to hospital in the day of operation?",
     ["Come to the Cardiology Day Unit on the second floor of the East Wing"]),
    # awake / sedation
    ("do they knock you out for it or are you awake? i panic in hospitals",
     ["The pacemaker is fitted under local anaesthetic, which numbs the skin below your collarbone.",
      "we can give you a sedative through the cannula to help you relax"]),
    ("If they give me something to calm me down, am I ok to drive myself home after?",
     ["If you have sedation, you must not drive, operate machinery or sign legal documents for 24 hours."]),
    # how long
    ("how long is the operation itself? my son is taking time off to drive me and wants to know",
     ["Fitting a single-chamber or dual-chamber pacemaker usually takes about one hour.",
      "Please expect to be with us for most of the day."]),
    # straight after
    ("What happens to me once it's in, before I'm allowed to leave?",
     ["You will need to rest on the day unit for around four hours.",
      "A chest X-ray is taken to check the position of the leads"]),
    # arm
    ("when will I be able to reach the top cupboard in my kitchen again",
     ["For the first four weeks, do not lift the arm on the side of your pacemaker above shoulder height."]),
    # wound
    ("how long do I keep the plaster on for",
     ["Leave this dressing in place for seven days, then peel it off gently."]),
    # urgent help (asked in advance, not an emergency)
    ("Could you tell me which warning signs mean I should go to A&E once I'm back home? Just so I know what to look out for",
     ["Call 999 or go to your nearest emergency department if you:",
      "feel dizzy or very tired in the same way as before your pacemaker was fitted"]),
    # shower
    ("can I wash my hair in the shower the day after or do I have to wait",
     ["You can shower from the day after your procedure, because the dressing is waterproof."]),
    # pain
    ("What can I take for the ache afterwards? Is nurofen ok?",
     ["Avoid ibuprofen for the first few days, as it can increase bruising.",
      "Simple painkillers such as paracetamol usually help."]),
    # driving
    ("how soon can i get back behind the wheel, just a normal car licence",
     ["If you hold an ordinary car or motorcycle licence, you must not drive for one week"]),
    ("I drive an HGV for a living - how long am I off the road for?",
     ["If you hold a lorry or bus licence (Group 2), you must not drive these vehicles for six weeks"]),
    ("the seat belt rubs right on my scar, do I really have to wear it",
     ["You can place a small folded towel between the belt and your chest for comfort",
      "you must always wear your seatbelt"]),
    # work
    ("I'm a plumber so lots of lifting and crawling under sinks. When can I go back to work?",
     ["If your work involves heavy lifting, manual labour or reaching above your head",
      "you may need to wait four to six weeks"]),
    # lifting / sport
    ("can I carry my shopping bags home with that arm",
     ["do not lift anything heavier than a full kettle with the arm on your pacemaker side"]),
    ("I go clay pigeon shooting most weekends, will that be a problem?",
     ["rest the rifle or shotgun on the opposite shoulder to your pacemaker"]),
    # table
    ("when can i do the hoovering again, my wife says i'm getting out of it",
     ["Start with short sessions and use your other arm at first",
      "Avoid pushing or pulling heavy objects, such as a lawnmower or a vacuum cleaner"]),
    ("When can I get back on my bike?",
     ["Avoid steep hills and rough tracks at first"]),
    ("My husband is 81 and desperate to get back on the golf course. How long does he have to wait?",
     ["These involve big arm movements that could disturb the leads"]),
    # household electrics
    ("is it ok to still use the microwave and my hairdryer",
     ["Almost all electrical appliances in the home are safe to use, as long as they are in good working order."]),
    # mobile phone
    ("can i still ring my daughter on my mobile",
     ["Hold the phone to the ear on the opposite side to your pacemaker",
      "Keep it at least 15 centimetres (6 inches) away from your pacemaker."]),
    # magnets
    ("I wear a magnetic bracelet for my arthritis, is that safe now?",
     ["Keep items that contain magnets, such as magnetic therapy bracelets",
      "Strong magnets can temporarily affect how your pacemaker works."]),
    # induction hob
    ("we just got one of those new magnetic cooker tops, the flat glass kind. can I still cook on it",
     ["Stand at least 60 centimetres (2 feet) away from the front of the hob when it is switched on"]),
    # airport
    ("Going to Spain in the summer. What about the beepy gates at the airport?",
     ["Show your pacemaker identification card to the security staff before you go through.",
      "The walk-through metal detector will not harm your pacemaker"]),
    # MRI
    ("my GP wants to send me for a scan of my knee in the big tunnel magnet machine, am I allowed",
     ["Before any MRI scan, tell the radiology team that you have a pacemaker.",
      "Many modern pacemakers are MRI conditional"]),
    # shop gates
    ("the alarm things at the door of M&S, will they mess with my heart thing",
     ["provided you walk through them at a normal pace",
      "Do not stand still in the gateway or lean against the gates."]),
    # ID card
    ("I think I've lost the little card they gave me when I left",
     ["If you lose your card, contact the Pacing Clinic and we will send you a replacement."]),
    # remote monitoring
    ("We're off to the caravan for a month. Do I need to do anything about the box by my bed?",
     ["If you are going away from home for more than two weeks, please let the remote monitoring team know."]),
    # follow-up
    ("does the check-up hurt and how long does it take",
     ["The check is painless and takes about 20 to 30 minutes."]),
    # battery life
    ("how many years before the battery in it goes flat",
     ["Pacemaker batteries usually last between 8 and 12 years."]),
    # replacement
    ("when the battery gets changed do they have to change the wires in my heart as well",
     ["The existing leads are usually left in place and connected to the new box."]),
    # sex
    ("bit embarrassing but when can me and my wife be intimate again",
     ["You can have sex again as soon as you feel comfortable, usually after a week or two."]),
    # travel
    ("how soon after the operation is it allowed for me to take an aeroplane? my english not so good sorry",
     ["Most people can fly two days after a routine pacemaker fitting"]),
    # contacts
    ("what number do I ring to move my clinic appointment",
     ["Pacing Clinic, for appointments and pacemaker questions (Monday to Friday, 9am to 5pm): 01632 960 377"]),
]

NO_ANSWER = [
    "How much does it cost to have a pacemaker fitted privately?",
    "can i still go scuba diving on holiday with one of these",
    "My mum has a pacemaker and wants to be cremated. Does it have to be taken out first?",
    "my 6 year old might need a pacemaker, is it the same op for kids?",
    "our labrador jumps up at my chest, could he damage it",
    "Can I get a tattoo on my arm once the pacemaker is in?",
    "is it safe to use a TENS machine for my back pain",
    "can I have a glass of wine the evening after the op",
    "Am I still allowed to give blood now I have a pacemaker?",
    "is the sauna or the hot tub at my gym ok with a pacer",
]

SMALLTALK = [
    "hiya",
    "Good afternoon!",
    "thanks so much, that's really helpful",
    "ok got it cheers",
    "Thank you, you've put my mind at rest",
    "brilliant ta x",
]


def main():
    rows = [{"q": q, "expect": "answer", "any": a} for q, a in ANSWER]
    rows += [{"q": q, "expect": "no_answer"} for q in NO_ANSWER]
    rows += [{"q": q, "expect": "smalltalk"} for q in SMALLTALK]
    random.Random(26).shuffle(rows)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
