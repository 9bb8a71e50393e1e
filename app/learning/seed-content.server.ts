import type { ModuleDetails } from "./authoring.server";

/** A demo module: its details, lessons and quiz (seed.server.ts inserts it). */
export interface ModuleSpec {
  details: ModuleDetails;
  lessons: { title: string; contentNote?: string | null; body: string }[];
  questions: {
    prompt: string;
    kind: "single" | "multiple";
    options: { text: string; correct: boolean; feedback: string }[];
  }[];
}

// The three Momentum modules of the demo, written for Lantern. They describe practice in England
// and Norfolk's arrangements as published by the Norfolk Safeguarding Children Partnership; anyone
// running Lantern for real should have their safeguarding lead check them against current local
// guidance before publishing (authors can change them in Lantern).

const RECOGNISING: ModuleSpec = {
  details: {
    title: "Recognising child criminal exploitation",
    summary:
      "What child criminal exploitation is, which children it affects, the signs to notice and how exploiters groom and control children, so you can spot it early in your work.",
    audience: "VCSE staff and volunteers",
    estimatedMinutes: 35,
    passMark: 80,
    contentNote:
      "This module describes the grooming, control and abuse of children, including violence and threats.",
  },
  lessons: [
    {
      title: "What child criminal exploitation is",
      body: `Child criminal exploitation (often shortened to **CCE**) happens when a person or a group uses an imbalance of power to coerce, control, manipulate or deceive someone under 18 into criminal activity.

The government's definition says this can be:

- in exchange for something the child needs or wants, such as money, gifts, status, affection or protection;
- for the financial or other advantage of the person exploiting them; and/or
- through violence or the threat of violence.

## Three things to hold on to

1. **A child who is exploited is a victim**, even when they have committed crimes, and even if what they did looked like their own choice. Children cannot consent to their own exploitation.
2. **It does not always involve physical contact.** Much of it is arranged and enforced through phones, social media and messaging apps.
3. **The power imbalance may not be obvious.** It can come from age, but also from status, strength, money, reputation, or from knowing something the child does not want shared.

## Where it sits in law and guidance

Criminal exploitation is a form of child abuse. In England it is covered by *Working Together to Safeguard Children* and *Keeping Children Safe in Education*. When children are moved or used for criminal purposes it can also be modern slavery under the Modern Slavery Act 2015, and children's services or police can refer a child to the **National Referral Mechanism** (NRM), which recognises them as a victim.

You do not need to decide which label fits. Your part is to notice, record and pass on your concern: the rest of this module helps you notice.`,
    },
    {
      title: "Which children are affected",
      body: `Any child can be criminally exploited, from any background, area or family. Exploiters look for children they can reach and control, so some circumstances make a child easier to target:

- being out of mainstream school: excluded, on a part-time timetable, or in alternative provision;
- going missing from home or care, even for short periods;
- being in care, or having recently left it;
- special educational needs, or a learning difficulty that has not been recognised;
- money worries at home, or a young person's own debt;
- earlier abuse, neglect, bereavement or domestic abuse at home;
- family members or friends already involved in crime;
- loneliness, or wanting belonging, respect or protection.

## Avoid the stereotype

Boys aged 14 to 17 are the children most often identified, but that partly reflects who professionals look for. **Girls are exploited too**, and are often missed, especially when the exploitation also involves sexual abuse. Children of primary-school age are increasingly used because they attract less attention. Adults with care and support needs are exploited in the same networks.

## Norfolk

Norfolk is a largely rural county with a city, market towns and coastal towns. Exploitation happens across all of it, not only in Norwich: market and coastal towns and rural villages are all affected, and children are moved between them and to and from other parts of the country.`,
    },
    {
      title: "Signs to notice",
      contentNote: "This lesson mentions injuries, weapons and drug use.",
      body: `No single sign proves a child is being exploited, and many of these have other explanations. What matters is noticing a **change**, or several signs together, and passing it on.

## Things you might see or hear

- **Going missing**, coming back late, or being found far from home, sometimes in another town or county.
- Travel they cannot explain: train tickets, taxi receipts, talk of places they have no reason to go.
- **Money, clothes, trainers or phones** they could not afford, or more than one phone.
- Phones that ring or buzz constantly, and a young person who looks anxious when they do.
- New, often older, friends; or older people waiting for them, or picking them up in cars.
- Unexplained injuries, or not wanting to say how they happened.
- Carrying a weapon, or talking about needing one for protection.
- Signs of drug use, or of holding drugs for someone else.
- Sudden changes: withdrawing from friends and activities, missing school, a drop in mood, anger, fear, or secrecy.
- Hotel key cards, or keys to addresses that are not theirs.

## Listen to the language

Young people may use slang you do not recognise, or talk about "working", "going country", "owing" someone, or a "line". Write down the exact words they use rather than guessing what they mean.

## See the child, not the behaviour

A child who is being exploited may seem hostile, may lie, or may seem to be "choosing" what they do. Those are often signs of fear and control. Describe what you see; do not judge the child for it.`,
    },
    {
      title: "How exploiters groom and control children",
      contentNote:
        "This lesson describes violence, threats and manipulation used against children.",
      body: `Exploitation rarely starts with a threat. It usually follows a pattern that builds a child's trust and then turns it into control.

## A common pattern

1. **Targeting**: picking out a child who seems lonely, short of money, in conflict at home or out of school.
2. **Friendship and gifts**: food, lifts, trainers, phone credit, cannabis, attention, a sense of belonging and respect.
3. **Trust and small favours**: "just hold this", "drop this round to my mate". The first tasks feel harmless.
4. **Debt**: the child is told they now owe for everything they have been given. Sometimes a "robbery" of drugs or money they were carrying is staged deliberately, so they owe a debt they can never repay. This is called **debt bondage**.
5. **Control**: threats to the child or their family, violence, sexual abuse, humiliating images or videos, and constant checking by phone.

## Online

Recruitment and control often happen on social media and messaging apps: adverts for "easy money", music videos that glamorise the lifestyle, and direct messages that keep a child on call all day and night.

## Why this matters for you

Because each step can look like an ordinary friendship or a bit of trouble, the early stages are where people who see a child regularly, like you, can make the biggest difference. A child does not need to be "in deep" before you share a concern.`,
    },
    {
      title: "When you notice something",
      body: `You are not expected to investigate or to be certain. You are expected to notice, record and pass your concern on promptly.

## What to do

- **If a child is in immediate danger, call 999.**
- Otherwise, tell your organisation's **designated safeguarding lead** (DSL) the same day. If you cannot reach them, follow your organisation's safeguarding policy for who to tell next.
- **Write down what you saw and heard**: the date, time, place, who was there, and the child's own words. Keep facts separate from your opinion, and say which is which.
- Do not confront anyone you think is exploiting the child, and do not try to find out more yourself.

## If a child talks to you

Listen, stay calm and let them talk. Do not promise to keep it secret: explain that you may need to tell someone whose job is to help keep them safe. The module *Responding and referring through Norfolk's safeguarding pathways* covers this in detail.

## Language matters

Records are read by other professionals and sometimes by the child. Phrases like "putting themselves at risk", "choosing this lifestyle" or "streetwise" blame the child. Say instead what is happening to them: "is being asked to carry drugs by older males", "is being exposed to violence".`,
    },
  ],
  questions: [
    {
      prompt:
        "A 15-year-old has been caught carrying drugs for an older man who gave him trainers and a phone. How should he be seen?",
      kind: "single",
      options: [
        {
          text: "As a victim of exploitation, even though he committed an offence",
          correct: true,
          feedback:
            "Right. A child who is exploited is a victim, even when the exploitation involved them committing crimes.",
        },
        {
          text: "As an offender who chose to deal drugs for money",
          correct: false,
          feedback:
            "Not quite. Gifts and debt are how exploiters control children; what looks like a choice is usually coercion.",
        },
        {
          text: "As a victim only if he was threatened with violence",
          correct: false,
          feedback:
            "Not quite. Exploitation can work through gifts, affection or debt as well as through violence or threats.",
        },
      ],
    },
    {
      prompt: "Which of these can be part of child criminal exploitation?",
      kind: "multiple",
      options: [
        {
          text: "Giving a child gifts or money in exchange for carrying things",
          correct: true,
          feedback:
            "Right: exchange for something the child needs or wants is part of the definition.",
        },
        {
          text: "Controlling a child through messages and social media without ever meeting them",
          correct: true,
          feedback: "Right: exploitation does not always involve physical contact.",
        },
        {
          text: "Threatening a child's family if they stop",
          correct: true,
          feedback: "Right: violence and threats of violence are common ways of keeping control.",
        },
        {
          text: "A child choosing to do a paid Saturday job at a local shop",
          correct: false,
          feedback: "Lawful work a child has chosen is not exploitation.",
        },
      ],
    },
    {
      prompt: "Which children can be criminally exploited?",
      kind: "single",
      options: [
        {
          text: "Mainly boys aged 14 to 17 from cities",
          correct: false,
          feedback:
            "Not quite. They are the group most often identified, but girls, younger children and children in rural areas are exploited too, and are often missed.",
        },
        {
          text: "Any child, from any background or area",
          correct: true,
          feedback:
            "Right. Some circumstances make a child easier to target, but any child can be exploited.",
        },
        {
          text: "Only children already known to children's services",
          correct: false,
          feedback:
            "Not quite. Many exploited children have never been known to children's services.",
        },
      ],
    },
    {
      prompt: "Which circumstances can make a child easier for exploiters to target?",
      kind: "multiple",
      options: [
        {
          text: "Being excluded from school or in alternative provision",
          correct: true,
          feedback: "Right: time out of school makes children more reachable and less visible.",
        },
        {
          text: "Going missing from home or care",
          correct: true,
          feedback: "Right: missing episodes are both a risk and a sign.",
        },
        {
          text: "Money worries or debt",
          correct: true,
          feedback: "Right: exploiters use money and debt to draw children in and keep them.",
        },
        {
          text: "Having a hobby such as football",
          correct: false,
          feedback:
            "An ordinary hobby is not a risk factor; clubs and activities are often protective.",
        },
      ],
    },
    {
      prompt:
        "A young person you see every week suddenly has two phones, new expensive trainers and has missed three sessions. What does this tell you?",
      kind: "single",
      options: [
        {
          text: "It proves they are being exploited",
          correct: false,
          feedback:
            "Not quite. No sign proves exploitation on its own; but together these are a reason to pass on a concern.",
        },
        {
          text: "Nothing: teenagers often change",
          correct: false,
          feedback:
            "Not quite. Several changes together should be noticed, recorded and passed on.",
        },
        {
          text: "Several signs together that you should record and pass to your safeguarding lead",
          correct: true,
          feedback:
            "Right. You do not need to be certain: record what you noticed and tell your DSL the same day.",
        },
      ],
    },
    {
      prompt: "What is debt bondage?",
      kind: "single",
      options: [
        {
          text: "Making a child believe they owe a debt, sometimes by staging a robbery, so they have to keep working",
          correct: true,
          feedback: "Right. The debt is often created on purpose and can never be paid off.",
        },
        {
          text: "A loan a young person takes out from a bank",
          correct: false,
          feedback:
            "Not quite. Debt bondage is a control tactic used by exploiters, not a formal loan.",
        },
        {
          text: "A fine a court gives a young person",
          correct: false,
          feedback: "Not quite. Debt bondage is created by exploiters to control a child.",
        },
      ],
    },
    {
      prompt: "Grooming for criminal exploitation usually begins with:",
      kind: "single",
      options: [
        {
          text: "Open threats of violence",
          correct: false,
          feedback:
            "Not quite. Threats usually come later, once the child is dependent or in debt.",
        },
        {
          text: "Friendship, gifts, attention and small favours",
          correct: true,
          feedback:
            "Right. Early grooming often looks like an ordinary friendship, which is why early concerns matter.",
        },
        {
          text: "A formal job offer",
          correct: false,
          feedback:
            "Not quite. Some adverts promise easy money, but grooming usually starts with friendship and gifts.",
        },
      ],
    },
    {
      prompt:
        "You notice signs that worry you but the child is not in immediate danger. What should you do first?",
      kind: "single",
      options: [
        {
          text: "Ask the child's friends what is going on",
          correct: false,
          feedback:
            "Not quite. Do not investigate yourself; that can put the child and you at risk.",
        },
        {
          text: "Wait until you have more evidence",
          correct: false,
          feedback: "Not quite. You do not need to be certain; pass on your concern the same day.",
        },
        {
          text: "Write down what you saw and heard and tell your designated safeguarding lead the same day",
          correct: true,
          feedback: "Right. Record facts and the child's own words, and tell your DSL promptly.",
        },
      ],
    },
    {
      prompt: "Which way of recording is best?",
      kind: "single",
      options: [
        {
          text: '"Is putting himself at risk by choosing to hang around with older lads"',
          correct: false,
          feedback: "Not quite. This blames the child and hides what is happening to him.",
        },
        {
          text: "\"Was collected from the session at 8pm by two adult males in a car; said 'I have to go, I owe them'\"",
          correct: true,
          feedback: "Right. Facts, time, and the child's exact words, without judgement.",
        },
        {
          text: '"Seems streetwise and can look after himself"',
          correct: false,
          feedback:
            "Not quite. This suggests the child is not at risk and does not record what you saw.",
        },
      ],
    },
  ],
};

const COUNTY_LINES: ModuleSpec = {
  details: {
    title: "County lines and how exploitation works",
    summary:
      "How county lines drug supply works, the roles children are forced into, cuckooing, money muling and online recruitment, and why children find it so hard to tell anyone.",
    audience: "VCSE staff and volunteers",
    estimatedMinutes: 30,
    passMark: 80,
    contentNote:
      "This module describes drug dealing, violence including sexual violence, and threats against children and families.",
  },
  lessons: [
    {
      title: "What county lines is",
      body: `**County lines** is the name used for organised networks that supply illegal drugs, usually heroin and crack cocaine, from one area into another, using a dedicated mobile phone number to take orders: the "line". The line is valuable and is protected, often violently.

Networks use children and vulnerable adults to move and store drugs and money, because they are cheap, easy to control and less likely to be noticed. They use coercion, intimidation, violence (including sexual violence) and weapons.

## Exporting and importing areas

The networks often start in larger cities, the **exporting** areas, and sell into towns and rural areas, the **importing** areas. Norfolk has long been an importing area, with lines running into Norwich, Great Yarmouth, King's Lynn, Thetford and market and coastal towns.

Children from Norfolk are also exploited locally, by people from their own area, and some are sent out of the county. "County lines" describes one model; criminal exploitation of children also happens in local drug supply, theft, and other crime.

## Why the police and partners treat children as victims

The national approach, shared by Norfolk Constabulary and partners, is to pursue the adults who run lines and to safeguard the children they use. A child found in a flat away from home with drugs is first a child who needs protecting.`,
    },
    {
      title: "The roles children are made to play",
      contentNote:
        "This lesson describes the concealment of drugs inside the body and the exploitation of vulnerable adults.",
      body: `Children are given jobs that carry the most risk and the least reward.

- **Running**: carrying drugs and cash between the line holders and buyers, or between towns. Children may be sent on trains or in taxis, sometimes for days at a time ("going country").
- **Holding or stashing**: keeping drugs, money or weapons at home or in a hiding place. Some children are made to hide drugs inside their bodies, which is dangerous and degrading.
- **Staying in a "trap house"**: a place drugs are sold from, often dirty, without food, with adults who use drugs, and where children can be held for days.
- **Recruiting**: bringing in friends or younger children, sometimes under threat.

## Cuckooing

Networks take over the home of a vulnerable adult, someone who uses drugs, is lonely, or has a learning disability or mental health needs, and use it as a base. This is called **cuckooing**. If you visit people at home, signs include new visitors at all hours, people staying who the resident cannot explain, and the resident seeming frightened in their own home.

## Money muling

Young people are also asked to let money pass through their bank account, for a fee. This is **money muling**. It is a crime, can close their account and affect them for years, and is often how a young person is first drawn in.`,
    },
    {
      title: "Violence, debt and control",
      contentNote: "This lesson describes violence, including sexual violence, against children.",
      body: `Once a child is involved, networks keep them through fear and dependency.

## Ways children are controlled

- **Debt bondage**: a child is told they owe for drugs or money that went missing. Sometimes the network stages the robbery itself.
- **Violence and threats**: to the child, to their brothers and sisters, parents or friends. Threats often include knowing where the family lives.
- **Sexual violence**: used to punish, humiliate or control, against girls and boys. Images may be recorded and used for blackmail.
- **Constant contact**: phones that must be answered at any hour, and location sharing.
- **Status and belonging**: being made to feel respected, protected and part of something, which is then withdrawn if they do not comply.

## What it can look like from the outside

A child can seem to be acting willingly, even proud of it, while being badly frightened. They may be aggressive with staff, lie about where they have been, or defend the people exploiting them. A child can also be a victim and at the same time be harming others: both need a safeguarding response.

## Rivalries

Lines compete. Children working one line may be attacked by another, or used against children from a different area. Violence between young people is often a sign of exploitation rather than something separate from it.`,
    },
    {
      title: "Why children do not tell",
      body: `Many children who are exploited do not tell anyone, or tell only part of what is happening. Understanding why helps you keep the door open.

## Common reasons

- **Fear** of what will happen to them or their family if they talk.
- **Not seeing themselves as a victim**: they may believe they chose this, or that they are in control.
- **Loyalty** to people who have given them money, protection or a sense of belonging.
- **Shame**, especially about sexual abuse, drug use or what they have done.
- **Fear of getting into trouble** with the police, their school or their parents.
- **Past experience** of telling an adult and nothing changing, or things getting worse.
- **Dependency**: on money, on drugs, or on the only people who seem to care.

## What helps

- A trusted adult who is consistent, turns up, and does not give up on them.
- Being told clearly that what is happening is not their fault.
- Being listened to without shock, blame or a rush to judge.
- Honesty about what you will do with what they tell you, and why.

Disclosures often come in pieces, sometimes as a "what if" question or a story about a friend. Take them seriously and pass them on. The third module covers how to respond.`,
    },
  ],
  questions: [
    {
      prompt: 'What does "the line" in county lines refer to?',
      kind: "single",
      options: [
        {
          text: "A dedicated phone number used to take drug orders",
          correct: true,
          feedback:
            "Right. The line is the network's most valuable asset and is protected, often violently.",
        },
        {
          text: "The border between two counties",
          correct: false,
          feedback: "Not quite. The name comes from the phone line used to take orders.",
        },
        {
          text: "A queue of buyers",
          correct: false,
          feedback: "Not quite. The line is the phone number used to take drug orders.",
        },
      ],
    },
    {
      prompt: "Why do county lines networks use children?",
      kind: "multiple",
      options: [
        {
          text: "They are easier to control",
          correct: true,
          feedback: "Right: children can be controlled through gifts, debt and fear.",
        },
        {
          text: "They are less likely to be noticed by police",
          correct: true,
          feedback: "Right: networks rely on children attracting less attention.",
        },
        {
          text: "They are cheap",
          correct: true,
          feedback: "Right: children are paid little or nothing and carry the most risk.",
        },
        {
          text: "Because children are better at business",
          correct: false,
          feedback:
            "No. Children are used because they can be exploited, not because of any skill.",
        },
      ],
    },
    {
      prompt: "What is cuckooing?",
      kind: "single",
      options: [
        {
          text: "Taking over the home of a vulnerable adult to use as a base for drug dealing",
          correct: true,
          feedback:
            "Right. If you visit people at home, watch for new visitors at all hours and a resident who seems frightened.",
        },
        {
          text: "Recruiting children through social media",
          correct: false,
          feedback:
            "Not quite. That is online recruitment. Cuckooing is taking over a vulnerable person's home.",
        },
        {
          text: "Moving drugs between towns by train",
          correct: false,
          feedback: 'Not quite. That is running or "going country".',
        },
      ],
    },
    {
      prompt:
        "A 16-year-old is offered £200 to let money pass through his bank account. What is this?",
      kind: "single",
      options: [
        {
          text: "A harmless way to earn money",
          correct: false,
          feedback:
            "Not quite. Money muling is a crime and is often how young people are drawn into exploitation.",
        },
        {
          text: "Money muling, a crime that can also be a way into exploitation",
          correct: true,
          feedback:
            "Right. It can close his account and affect him for years; pass on your concern.",
        },
        {
          text: "Only a problem if he is over 18",
          correct: false,
          feedback:
            "Not quite. Children are targeted for money muling, and it is a safeguarding concern at any age.",
        },
      ],
    },
    {
      prompt: "Which of these is true about Norfolk?",
      kind: "single",
      options: [
        {
          text: "County lines only affects Norwich",
          correct: false,
          feedback:
            "Not quite. Lines run into towns across the county, including coastal and market towns.",
        },
        {
          text: "Norfolk is an importing area, and children are also exploited locally and sent out of the county",
          correct: true,
          feedback: "Right. County lines is one model; local criminal exploitation happens too.",
        },
        {
          text: "Norfolk is too rural to be affected",
          correct: false,
          feedback:
            "Not quite. Rural areas and small towns are targeted precisely because activity is less visible.",
        },
      ],
    },
    {
      prompt:
        'A child says they "owe" people after being robbed of drugs they were carrying. What might be going on?',
      kind: "single",
      options: [
        {
          text: "Debt bondage: the robbery may have been staged to keep the child working",
          correct: true,
          feedback:
            "Right. Networks sometimes stage robberies so the child owes a debt they can never repay.",
        },
        {
          text: "The child is making it up to get attention",
          correct: false,
          feedback:
            "Not quite. Take it seriously: this is a common control tactic and a sign of serious risk.",
        },
        {
          text: "A private matter between the child and their friends",
          correct: false,
          feedback: "Not quite. This is a safeguarding concern to pass on the same day.",
        },
      ],
    },
    {
      prompt: "Which are reasons an exploited child might not tell anyone?",
      kind: "multiple",
      options: [
        {
          text: "Fear for their own or their family's safety",
          correct: true,
          feedback: "Right: threats against family are a common control tactic.",
        },
        {
          text: "Not seeing themselves as a victim",
          correct: true,
          feedback: "Right: many children believe they chose this.",
        },
        {
          text: "Fear of getting into trouble with the police",
          correct: true,
          feedback: "Right: fear of being treated as an offender keeps many children silent.",
        },
        {
          text: "Because nothing is wrong",
          correct: false,
          feedback: "Silence does not mean a child is safe. Keep the door open.",
        },
      ],
    },
    {
      prompt:
        "A young person is aggressive with staff and defends the older people they spend time with. What is the best way to understand this?",
      kind: "single",
      options: [
        {
          text: "They are not at risk because they seem in control",
          correct: false,
          feedback:
            "Not quite. Seeming in control, or defending exploiters, is common among children who are being exploited.",
        },
        {
          text: "Their behaviour may be a sign of fear and control; stay consistent and pass on your concern",
          correct: true,
          feedback: "Right. See the child, not the behaviour.",
        },
        {
          text: "They should be excluded from the activity",
          correct: false,
          feedback:
            "Not quite. Excluding a child can remove one of the few safe adults and places they have.",
        },
      ],
    },
  ],
};

const RESPONDING: ModuleSpec = {
  details: {
    title: "Responding and referring through Norfolk's safeguarding pathways",
    summary:
      "What to do when a child tells you something or you are worried: listening, recording, telling your safeguarding lead, sharing information lawfully, and how concerns reach Norfolk's Children's Advice and Duty Service.",
    audience: "VCSE staff and volunteers",
    estimatedMinutes: 30,
    passMark: 80,
    contentNote: null,
  },
  lessons: [
    {
      title: "Your part in keeping children safe",
      body: `Everyone who works or volunteers with children has a part in safeguarding them. You are not expected to be an expert or to investigate. You are expected to:

- know your organisation's **safeguarding policy** and who your **designated safeguarding lead** (DSL) is, and their deputy;
- **notice** when something is not right;
- **listen** when a child tells you something;
- **record** what you saw and heard; and
- **pass it on** promptly, the same day.

## Your designated safeguarding lead

Your DSL decides, with you, what happens next: whether to seek advice, make a referral to children's services, or contact the police. If you cannot reach your DSL or their deputy and a child may be at risk of harm, do not wait: follow your policy, which will tell you who to contact, and if a child is in immediate danger, call **999**.

## If you disagree

If you think a concern has not been acted on, you can and should raise it again, and if necessary contact children's services yourself. Safeguarding is everyone's responsibility; no one needs permission to protect a child.`,
    },
    {
      title: "When a child tells you something",
      contentNote: "This lesson discusses children disclosing abuse.",
      body: `Children often tell the adult they trust most, who may be you, and often at an unexpected moment.

## While they are talking

- **Listen** and stay calm. Let them tell it in their own way and their own time.
- **Do not ask leading questions** ("Did he hurt you?"). If you need to ask something, keep it open: *Tell me…*, *Explain…*, *Describe…*.
- **Reassure them** that they were right to tell you, and that it is not their fault.
- **Do not promise to keep it secret.** Say honestly that you may need to share it with someone whose job is to help keep them safe, and tell them who and why.
- Do not confront anyone they have named, and do not examine any injury.

## Straight afterwards

- Write down what they said, **in their words**, and what you saw, as soon as you can. Note the date, time, place and who was there. Sign and date your note.
- Tell your DSL **the same day**. If the child is in immediate danger, call 999 first.
- Do not share it with anyone else who does not need to know.

## Look after the child

Tell the child what will happen next, as far as you know. If they are worried about going home, or about the people exploiting them, say so to your DSL straight away: that is important information.`,
    },
    {
      title: "How a concern reaches children's services in Norfolk",
      body: `In Norfolk, the way into children's social care for professionals is the **Children's Advice and Duty Service (CADS)**. Your DSL will usually be the one to call, but you should know how it works.

## The route

1. **Emergency**: if a child is in immediate danger, call the police on **999**.
2. **Worried a child is suffering, or likely to suffer, significant harm**: your DSL (or you, if they cannot be reached) calls **CADS** on **0344 800 8021**, the professionals' line. Members of the public use 0344 800 8020.
3. A social worker at CADS talks the concern through, gives advice, and decides with you whether it needs a referral to children's social care, early help, or another service.
4. Where there are concerns about exploitation, information is shared with the police and partners through Norfolk's multi-agency arrangements, including the **Multi-Agency Safeguarding Hub (MASH)** and **MACE** (Multi-Agency Child Exploitation) meetings, which bring agencies together to plan around children at risk of exploitation and the places and people putting them at risk.

## Thresholds

The Norfolk Safeguarding Children Partnership publishes a **threshold guide** that describes levels of need, from universal services to statutory intervention. You do not need to decide the threshold: describe what you know clearly and CADS will advise.

## Passing on information without a referral

Information about places, vehicles or people involved in exploitation helps the police even when it does not identify a child at risk. Your DSL can pass it to Norfolk Constabulary on **101**, and young people can tell **Fearless**, the youth service of the charity Crimestoppers, anonymously.`,
    },
    {
      title: "Sharing information and keeping records",
      body: `Worries about data protection must never stop you sharing information to keep a child safe.

## What the law says

The UK GDPR and the Data Protection Act 2018 **allow** information to be shared to safeguard a child. Government guidance, *Information sharing: advice for practitioners providing safeguarding services*, is clear that sharing the right information, with the right people, at the right time is essential, and that you can share without consent where getting consent would put a child at risk or where there is a good reason to share without it.

## Good practice

- Share only what is **necessary** and **relevant**, with the people who need it.
- Where it is safe and appropriate, tell the young person and their family what you are sharing and why, but do not seek consent if doing so would increase the risk.
- **Record** what you shared, with whom, when, and why, including any decision *not* to share.
- Keep safeguarding records secure, separate from general notes, and in line with your organisation's retention policy.

## Good records

A good record is:

- **factual**: what you saw and heard, not what you assume;
- **in the child's words** where they told you something;
- **clear about opinion**: if you add your professional view, label it as such;
- **dated, timed and signed**; and
- written **as soon as possible** after the event.`,
    },
    {
      title: "Working together and looking after yourself",
      body: `Exploitation is rarely solved by one organisation. Children are safer when the adults around them share what they know and plan together.

## Working with others

- Your knowledge of a child, their friends and the places they go can be valuable to social workers, schools, youth justice and the police. If you are invited to a strategy or planning meeting, go, or send a written contribution.
- **Contextual safeguarding** means looking at the places and relationships outside the home where children are harmed, such as parks, takeaways, transport hubs and online spaces, as well as at the child and family. Tell your DSL about places and groups that worry you, not only about individual children.
- In Norfolk, **St Giles Trust's SOS+** service works with young people at risk of exploitation, and **Momentum** supports VCSE organisations to recognise and respond to it.

## Looking after yourself

Hearing about the abuse of children is hard. It is normal to feel upset, angry or worried afterwards.

- Talk to your DSL or manager after you have passed on a concern; ask for **supervision** or a debrief.
- Do not carry it alone, and do not take work worries home without support.
- If anything in this module has affected you personally, the contacts under "Where to get help" are there for you too.`,
    },
  ],
  questions: [
    {
      prompt: "A child is in immediate danger. What do you do first?",
      kind: "single",
      options: [
        {
          text: "Call 999",
          correct: true,
          feedback: "Right. Immediate danger always means 999 first; then tell your DSL.",
        },
        {
          text: "Email your designated safeguarding lead",
          correct: false,
          feedback: "Not quite. In immediate danger, call 999 first, then tell your DSL.",
        },
        {
          text: "Call the child's parents",
          correct: false,
          feedback:
            "Not quite. Call 999 first; parents may be involved or may not be able to protect the child.",
        },
      ],
    },
    {
      prompt:
        'A young person says "I\'ll tell you something if you promise not to tell anyone." What do you say?',
      kind: "single",
      options: [
        {
          text: "Promise, so they feel able to talk",
          correct: false,
          feedback:
            "Not quite. Never promise secrecy: you may need to share what they tell you to keep them safe.",
        },
        {
          text: "Explain honestly that you might need to share it with someone whose job is to help keep them safe",
          correct: true,
          feedback: "Right. Being honest keeps their trust, even if it is hard to hear.",
        },
        {
          text: "Tell them not to say anything until your manager is there",
          correct: false,
          feedback:
            "Not quite. Let them talk now, while being honest about what you may need to do.",
        },
      ],
    },
    {
      prompt: "Which are good ways to respond while a child is telling you something?",
      kind: "multiple",
      options: [
        {
          text: "Listen calmly and let them tell it their own way",
          correct: true,
          feedback: "Right.",
        },
        {
          text: 'Use open prompts such as "Tell me…" or "Describe…" if you need to',
          correct: true,
          feedback: "Right: open prompts avoid putting words in their mouth.",
        },
        {
          text: 'Ask "Did he hit you?" to get to the point',
          correct: false,
          feedback:
            "That is a leading question; it can distress the child and weaken any later investigation.",
        },
        {
          text: "Tell them they were right to tell you",
          correct: true,
          feedback: "Right: reassurance helps them keep talking, now and later.",
        },
      ],
    },
    {
      prompt:
        "In Norfolk, where do professionals take a concern that a child may be suffering significant harm?",
      kind: "single",
      options: [
        {
          text: "The Children's Advice and Duty Service (CADS)",
          correct: true,
          feedback:
            "Right. Usually your DSL makes the call; CADS advises and decides the next step with you.",
        },
        {
          text: "The child's GP",
          correct: false,
          feedback:
            "Not quite. The GP may be involved later, but the route into children's services is CADS.",
        },
        {
          text: "The local newspaper",
          correct: false,
          feedback: "No. Never share safeguarding information publicly.",
        },
      ],
    },
    {
      prompt: "What is MACE in Norfolk?",
      kind: "single",
      options: [
        {
          text: "Multi-agency child exploitation meetings that plan around children at risk and the people and places involved",
          correct: true,
          feedback: "Right. Agencies share what they know and plan together.",
        },
        {
          text: "A police unit that arrests young people",
          correct: false,
          feedback:
            "Not quite. MACE is a multi-agency meeting focused on protecting children from exploitation.",
        },
        {
          text: "A charity helpline for young people",
          correct: false,
          feedback:
            "Not quite. Young people can use Childline or Fearless; MACE is a multi-agency meeting.",
        },
      ],
    },
    {
      prompt: "Does data protection law stop you sharing information to keep a child safe?",
      kind: "single",
      options: [
        {
          text: "Yes, you always need the family's consent first",
          correct: false,
          feedback:
            "Not quite. You can share without consent where seeking it would put the child at risk or there is another good reason.",
        },
        {
          text: "No: the UK GDPR and Data Protection Act 2018 allow sharing to safeguard a child",
          correct: true,
          feedback:
            "Right. Share what is necessary and relevant, and record what you shared and why.",
        },
        {
          text: "Only if a court orders it",
          correct: false,
          feedback:
            "Not quite. No court order is needed to share information to safeguard a child.",
        },
      ],
    },
    {
      prompt: "Which make a good safeguarding record?",
      kind: "multiple",
      options: [
        {
          text: "The child's own words",
          correct: true,
          feedback: "Right: write what they said, not your summary of it.",
        },
        { text: "Date, time, place and who was there", correct: true, feedback: "Right." },
        {
          text: "Your guesses presented as facts",
          correct: false,
          feedback: "Keep facts and opinion apart, and label your opinion as such.",
        },
        {
          text: "Your signature, and when you wrote it",
          correct: true,
          feedback: "Right: records should be signed, dated and written as soon as possible.",
        },
      ],
    },
    {
      prompt:
        "You hear that older men are meeting children at a takeaway near your youth club, but you do not know which children. What can you do?",
      kind: "single",
      options: [
        {
          text: "Nothing, because no child has been identified",
          correct: false,
          feedback:
            "Not quite. Information about places and people helps protect children even when no child is named.",
        },
        {
          text: "Go to the takeaway and challenge them",
          correct: false,
          feedback: "Not quite. Never confront people you think are exploiting children.",
        },
        {
          text: "Tell your DSL, who can pass it to the police on 101 and to multi-agency partners",
          correct: true,
          feedback:
            "Right. This is contextual safeguarding: places and groups matter, not only individual children.",
        },
      ],
    },
    {
      prompt: "After passing on a distressing concern, what should you do for yourself?",
      kind: "single",
      options: [
        {
          text: "Keep it to yourself so it stays confidential",
          correct: false,
          feedback:
            "Not quite. Talk to your DSL or manager; you can get support without breaching confidentiality.",
        },
        {
          text: "Ask your DSL or manager for a debrief or supervision",
          correct: true,
          feedback: "Right. It is normal to be affected; support is part of safe practice.",
        },
        {
          text: "Discuss it with friends outside work",
          correct: false,
          feedback:
            "Not quite. That would breach the child's confidentiality. Use supervision at work instead.",
        },
      ],
    },
  ],
};

export const DEMO_MODULES: ModuleSpec[] = [RECOGNISING, COUNTY_LINES, RESPONDING];
