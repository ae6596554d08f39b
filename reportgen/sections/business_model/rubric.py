"""Business models, positioning and success patterns.

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the business-model article (seed 002: eleven models, their challenges and scaling solutions), the success-pattern study (seed 001: seven patterns) and the Vietnamese chapter (platform or product).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...blocks.rubric import Action, Item

POSITIONINGS: tuple[Item, ...] = (
    Item(
        "platform",
        "Platform",
        "Value grows with a community and an ecosystem; expect to put 30-40 percent of "
        "resources into community, developer relations and ecosystem management.",
    ),
    Item(
        "product",
        "Product",
        "A controlled, consistent experience for a focused use case; faster early growth "
        "and a clearer offer, but durable advantages are harder to build without "
        "network effects.",
    ),
    Item(
        "hybrid",
        "Hybrid",
        "A product offer alongside platform elements; each part needs its own "
        "capabilities, resources and success metrics.",
    ),
)


@dataclass(frozen=True)
class Challenge:
    challenge: str
    solution: str


@dataclass(frozen=True)
class BusinessModel:
    id: str
    label: str
    fit: str  # when this model suits a product, with the article's example
    challenges: tuple[Challenge, ...]


BUSINESS_MODELS: tuple[BusinessModel, ...] = (
    BusinessModel(
        "api_access",
        "API access",
        "For developers and platforms that build AI capabilities into their own "
        "products (for example, the OpenAI API).",
        (
            Challenge(
                "Infrastructure costs climb as API usage grows.",
                "Cut compute and hosting costs (spot capacity, for instance) and add "
                "pricing tiers that capture value from heavy users.",
            ),
            Challenge(
                "APIs become commodities and prices fall in a price war.",
                "Stand out with capabilities others lack, such as faster responses or "
                "specialised models.",
            ),
            Challenge(
                "Too much revenue depends on a few large enterprise clients.",
                "Use usage-based pricing to win many smaller businesses as well.",
            ),
        ),
    ),
    BusinessModel(
        "subscription_saas",
        "Subscription SaaS",
        "For recurring access to software features (for example, Jasper AI).",
        (
            Challenge(
                "Customer acquisition is expensive in a crowded SaaS market.",
                "Shorten onboarding so trial users convert sooner, and invest in customer "
                "success to raise retention and upsells.",
            ),
            Challenge(
                "Free tiers that feel thin drive churn.",
                "Keep adding state-of-the-art AI features that users notice.",
            ),
            Challenge(
                "Growing abroad is hard without localisation.",
                "Support several languages and meet each region's compliance rules.",
            ),
        ),
    ),
    BusinessModel(
        "enterprise_licensing",
        "Enterprise licensing",
        "For customisable, private AI deployments (for example, Harvey AI).",
        (
            Challenge(
                "Enterprise procurement makes sales cycles long.",
                "Hire enterprise sellers with a proven B2B record.",
            ),
            Challenge(
                "A handful of clients carry most of the revenue.",
                "Spread across industries and go after mid-market companies too.",
            ),
            Challenge(
                "On-premise deployments raise security and compliance concerns.",
                "Offer hybrid deployments that combine on-premise and cloud.",
            ),
        ),
    ),
    BusinessModel(
        "custom_development",
        "Custom AI development",
        "For bespoke AI solutions in niche industries (for example, Deloitte AI).",
        (
            Challenge(
                "Labour-intensive custom work scales poorly.",
                "Build modular, reusable frameworks that shorten each new project.",
            ),
            Challenge(
                "Client-specific data limits reuse across industries.",
                "Standardise workflows so that less depends on one client's data.",
            ),
            Challenge(
                "One-off projects make lasting revenue hard to keep.",
                "Move clients to subscriptions for ongoing model updates and support.",
            ),
        ),
    ),
    BusinessModel(
        "token_based",
        "Token-based model",
        "For decentralised or blockchain-based AI products (for example, Ocean Protocol).",
        (
            Challenge(
                "Blockchain and cryptocurrency rules are uncertain.",
                "Keep up with changing regulation, including KYC and AML checks.",
            ),
            Challenge(
                "Token price swings make revenue unpredictable.",
                "Use stablecoins or dynamic token pricing.",
            ),
            Challenge(
                "Non-technical users find the technology hard to adopt.",
                "Simplify the interface so a wider audience can use it.",
            ),
        ),
    ),
    BusinessModel(
        "marketplace",
        "AI-powered marketplace",
        "For platforms that match buyers and sellers with AI (for example, Upwork).",
        (
            Challenge(
                "A new marketplace struggles to gather enough buyers and sellers.",
                "Attract early adopters with incentives such as lower fees or promotions.",
            ),
            Challenge(
                "Growth depends heavily on network effects.",
                "Partner with established platforms to speed up growth.",
            ),
            Challenge(
                "Users must trust each other, and fraud is a risk.",
                "Verify participants rigorously and detect fraud with AI.",
            ),
        ),
    ),
    BusinessModel(
        "data_monetization",
        "Data monetisation",
        "For products built on proprietary datasets (for example, Palantir).",
        (
            Challenge(
                "Privacy concerns and regulation (GDPR, CCPA) constrain the business.",
                "Anonymise datasets and obtain compliance certifications that reassure customers.",
            ),
            Challenge(
                "Open data sources compete for the same buyers.",
                "Build proprietary, high-quality datasets with value no one else offers.",
            ),
            Challenge(
                "Data must stay consistent in quality and relevant.",
                "Refresh datasets continuously and enrich them with AI-derived insight.",
            ),
        ),
    ),
    BusinessModel(
        "ad_supported",
        "Ad-supported AI platform",
        "For free consumer products paid for by advertising (for example, TikTok).",
        (
            Challenge(
                "Too many ads hurt the experience and retention.",
                "Offer an optional ad-free premium tier for power users.",
            ),
            Challenge(
                "Privacy rules and tracking limits (cookie bans, iOS changes) weaken targeting.",
                "Target by context rather than by personal tracking.",
            ),
            Challenge(
                "Revenue rises and falls with advertisers' budgets.",
                "Add in-app purchases or subscription tiers.",
            ),
        ),
    ),
    BusinessModel(
        "infrastructure",
        "AI infrastructure (IaaS)",
        "For compute- and storage-heavy services (for example, Nvidia or AWS SageMaker).",
        (
            Challenge(
                "GPUs and storage need a large upfront investment.",
                "Share costs through partnerships with hyperscalers such as AWS or Azure.",
            ),
            Challenge(
                "Cloud giants offer similar services at scale.",
                "Differentiate with specialised tooling, such as GPUs tuned for AI workloads.",
            ),
            Challenge(
                "Energy use draws sustainability pressure.",
                "Invest in renewable energy and efficient hardware.",
            ),
        ),
    ),
    BusinessModel(
        "platform_paas",
        "End-to-end AI platform (AI PaaS)",
        "For integrated model-building platforms (for example, Google Vertex AI).",
        (
            Challenge(
                "A fully integrated platform is complex to build.",
                "Start with the core features and grow them as users ask.",
            ),
            Challenge(
                "Onboarding and training users is costly to support.",
                "Provide strong self-service tools and tutorials.",
            ),
            Challenge(
                "Breadth of features competes with ease of use.",
                "Design in modules, so users pay only for what they use.",
            ),
        ),
    ),
    BusinessModel(
        "generative_saas",
        "Generative AI SaaS",
        "For vertical AI tools built on generative models (for example, Suki AI in healthcare).",
        (
            Challenge(
                "Running generative models at scale is compute-hungry.",
                "Optimise the model architecture to need less compute.",
            ),
            Challenge(
                "Free and open-source alternatives threaten to commoditise the offer.",
                "Stand out through better fine-tuning, integrations or APIs.",
            ),
            Challenge(
                "Generated content raises ethical and copyright questions.",
                "Set clear licensing terms and filters that prevent misuse.",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Phase:
    label: str
    period: str  # "" when the pattern names no period
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    id: str
    label: str
    exemplar: str  # the company whose case defines the pattern (a proper name)
    family: str  # platform | api | community | hybrid (the study's groups)
    phases: tuple[Phase, ...]
    metrics: tuple[str, ...]
    success_factors: tuple[str, ...]


PATTERN_FAMILIES: tuple[Item, ...] = (
    Item("platform", "Platform pattern", "Community building, network effects, ecosystem."),
    Item("api", "API pattern", "Developer experience, usage-based pricing, reliability."),
    Item("community", "Community pattern", "User engagement, viral mechanics, community care."),
    Item("hybrid", "Hybrid pattern", "Strategic positioning, research credibility, enterprise."),
)

PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "community_platform",
        "Community-first platform development",
        "Hugging Face",
        "platform",
        (
            Phase(
                "Community building",
                "Years 1-3",
                (
                    "Open-source foundation that delivers value for free",
                    "Developer tools with an outstanding user experience",
                    "Ways to contribute, and recognition for contributors",
                    "Network effects from user-contributed content",
                ),
            ),
            Phase(
                "Platform expansion",
                "Years 3-5",
                (
                    "Scale the infrastructure and tune performance",
                    "Find the first enterprise customers and commercial offers",
                    "Support third-party integrations and grow the ecosystem",
                    "Refine the value proposition from community feedback",
                ),
            ),
            Phase(
                "Enterprise monetisation",
                "Years 5+",
                (
                    "Commercial layers that keep the community's value intact",
                    "Enterprise hosting and custom deployments",
                    "Professional services and consulting revenue",
                    "Monetisation that does not alienate the community",
                ),
            ),
        ),
        (
            "300 percent year-over-year revenue growth (2023-2024)",
            "100,000+ models hosted and 1M+ monthly active developers",
            "500+ enterprise clients and a $4.5B valuation",
            "Revenue: 60 percent licensing, 25 percent hosting, 10 percent services, 5 percent premium features",
        ),
        (
            "Preserve the community's value while adding commercial value",
            "Excellent developer experience: tools and documentation",
            "Network effects: contributions that make the platform sticky",
            "A clear enterprise offer built on security and compliance",
        ),
    ),
    Pattern(
        "open_source_commercial",
        "Open source with commercial balance",
        "Stability AI",
        "platform",
        (
            Phase(
                "Balanced monetisation",
                "",
                (
                    "Free access for startups and small businesses (up to $1M revenue)",
                    "Paid licences for larger organisations and commercial use",
                    "Cloud services and deployment solutions",
                    "Custom development and consulting",
                ),
            ),
        ),
        (
            "45 percent of revenue from commercial licences and enterprise agreements",
            "30 percent from usage-based API access and cloud services",
            "15 percent from custom development and consulting",
            "10 percent from integration partnerships and revenue sharing",
        ),
        (
            "Transparent thresholds for when a commercial licence is required",
            "Open-source benefits kept for smaller users",
            "Premium features and support for commercial customers",
            "Third-party integrations and partnerships",
        ),
    ),
    Pattern(
        "research_to_api",
        "Research-to-API platform evolution",
        "OpenAI",
        "api",
        (
            Phase(
                "Research foundation",
                "Years 1-3",
                (
                    "Fundamental research and breakthrough models",
                    "Academic credibility and thought leadership",
                    "Demonstrated technical excellence",
                    "First products and proofs of concept",
                ),
            ),
            Phase(
                "API platform development",
                "Years 3-5",
                (
                    "A developer-friendly, well-documented API",
                    "Usage-based pricing with a transparent cost structure",
                    "A developer ecosystem and third-party integrations",
                    "Scalable, well-tuned infrastructure",
                ),
            ),
            Phase(
                "Enterprise solutions expansion",
                "Years 5+",
                (
                    "Enterprise-grade features and security compliance",
                    "Custom models and fine-tuning services",
                    "Strategic partnerships and integrations",
                    "A platform ecosystem and marketplace",
                ),
            ),
        ),
        (
            "45 percent year-over-year API revenue growth",
            "2.5 million developers using AI APIs regularly",
            "$50,000 average annual spend per enterprise customer",
            "Usage triples in the first 6 months for paying customers",
        ),
        (
            "Excellent developer experience: documentation, easy integration, reliability",
            "Transparent, predictable pricing aligned with value",
            "Reliable infrastructure at scale, available worldwide",
            "Third-party integrations and a developer community",
        ),
    ),
    Pattern(
        "enterprise_api",
        "Enterprise-focused API strategy",
        "Cohere",
        "api",
        (
            Phase(
                "Enterprise-first API development",
                "",
                (
                    "B2B targeting with an enterprise sales approach",
                    "Specialised models for specific enterprise use cases",
                    "Enterprise-grade security, compliance and data protection",
                    "Consulting and implementation support",
                ),
            ),
        ),
        (
            "92 percent annual retention of enterprise API customers",
            "$125,000 average enterprise contract value",
            "35 percent of revenue from existing customers' expansion",
            "75-85 percent gross margins for established API providers",
        ),
        (
            "A dedicated enterprise sales team and process",
            "Professional services and technical support for implementation",
            "Meeting enterprise security and regulatory requirements",
            "Long-term partnerships beyond transactional API use",
        ),
    ),
    Pattern(
        "community_product",
        "Community-first product development",
        "Midjourney",
        "community",
        (
            Phase(
                "Community-centred product",
                "",
                (
                    "Build the product inside community platforms such as Discord",
                    "Let community creativity drive value and engagement",
                    "Iterate quickly on community feedback and usage",
                    "Grow virally through sharing and word of mouth",
                ),
            ),
        ),
        (
            "Viral adoption through community sharing and word of mouth",
            "Active participation and content creation",
            "Community-driven marketing that lowers acquisition costs",
            "Community feedback that speeds up product improvement",
        ),
        (
            "Use existing community platforms for distribution",
            "Intuitive interfaces for creative expression",
            "Active community management and support",
            "Features that encourage sharing and participation",
        ),
    ),
    Pattern(
        "research_enterprise",
        "Research-driven enterprise positioning",
        "Anthropic",
        "hybrid",
        (
            Phase(
                "Research-to-enterprise strategy",
                "",
                (
                    "Fundamental research on AI safety and capability",
                    "Safety and responsible AI as a competitive advantage",
                    "Tailored solutions for enterprise safety requirements",
                    "Partnerships with enterprise customers and technology providers",
                ),
            ),
        ),
        (
            "Premium prices, often 20-30 percent above comparable services",
            "Enterprise licences from $125,000 to over $1 million a year",
        ),
        (
            "Research credibility: published work and thought leadership on safety",
            "Clear enterprise benefits from the research-driven approach",
            "Meeting enterprise risk management and compliance needs",
            "Differentiation through responsible AI and safety",
        ),
    ),
    Pattern(
        "data_platform",
        "Data platform with AI services",
        "Scale AI",
        "hybrid",
        (
            Phase(
                "Data and AI platform integration",
                "",
                (
                    "High-quality data collection, annotation and management",
                    "Model training and tuning on the platform's data",
                    "Seamless integration with enterprise data and workflows",
                    "End-to-end AI development and deployment",
                ),
            ),
        ),
        (
            "Labelling accuracy above 99.5%, against an industry norm of 95-97%",
            "Customer retention above 95%",
            "Largest customers' spending up 300 percent on average over three years",
        ),
        (
            "Premium pricing justified by superior data quality",
            "Better model performance from high-quality training data",
            "A strong base of enterprises that need data and AI together",
            "Data quality and AI expertise as a lasting moat",
        ),
    ),
)


# --- Pattern selection (the success-pattern study's "choose ... when") ----------------


@dataclass(frozen=True)
class Test:
    """A check on one answer: `path` (dotted), `op` (>=, ==, in, has, streams>=) and the
    value it compares with. An answer the file does not give never passes."""

    path: str
    op: str
    operand: Any


@dataclass(frozen=True)
class Condition:
    """A condition of the selection framework, met when any of its tests passes."""

    label: str
    tests: tuple[Test, ...]


@dataclass(frozen=True)
class FamilyFit:
    family: str  # a PATTERN_FAMILIES id
    conditions: tuple[Condition, ...]


# A pattern group fits when at least this many of its three conditions are met.
FIT_MIN_CONDITIONS = 2

PATTERN_SELECTION: tuple[FamilyFit, ...] = (
    FamilyFit(
        "platform",
        (
            Condition(
                "Strong network effects, with users who can contribute to the product",
                (
                    Test("advantages.data_network_effects.network_effect_strength", ">=", 7),
                    Test("advantages.data_network_effects.user_generated_value", ">=", 7),
                ),
            ),
            Condition(
                "Third-party developers and an ecosystem can build on the product",
                (
                    Test("advantages.ecosystem_integration.developer_ecosystem", ">=", 6),
                    Test("advantages.ecosystem_integration.platform_integration_depth", ">=", 6),
                ),
            ),
            Condition(
                "The long-term aim is a platform ecosystem or a marketplace",
                (
                    Test("business_model.type", "in", ("marketplace", "platform_paas")),
                    Test("monetization.primary_stream", "==", "marketplace"),
                    Test("monetization.secondary_streams", "has", "marketplace"),
                ),
            ),
        ),
    ),
    FamilyFit(
        "api",
        (
            Condition(
                "Developers are the users, and the value lies in integrating the product",
                (
                    Test(
                        "business_model.type",
                        "in",
                        ("api_access", "infrastructure", "platform_paas"),
                    ),
                    Test("advantages.ecosystem_integration.developer_ecosystem", ">=", 6),
                ),
            ),
            Condition(
                "Value is delivered per use and can be priced transparently by usage",
                (
                    Test("monetization.primary_stream", "==", "api"),
                    Test(
                        "business_model.type", "in", ("api_access", "token_based", "infrastructure")
                    ),
                ),
            ),
            Condition(
                "The technology scales and performs reliably",
                (
                    Test("validation.technology.core_ai_proven", ">=", 7),
                    Test("critical_success_factors.scalable_architecture", "==", True),
                ),
            ),
        ),
    ),
    FamilyFit(
        "community",
        (
            Condition(
                "The product gains from users' creativity and engagement",
                (
                    Test("advantages.data_network_effects.user_generated_value", ">=", 7),
                    Test("business_model.type", "in", ("generative_saas", "ad_supported")),
                ),
            ),
            Condition(
                "Growth can spread virally as users share and take part",
                (Test("advantages.data_network_effects.network_effect_strength", ">=", 7),),
            ),
            Condition(
                "The team can manage and engage a community well",
                (
                    Test("advantages.customer_relationship.customer_success_investment", ">=", 7),
                    Test("advantages.customer_relationship.brand_trust", ">=", 7),
                ),
            ),
        ),
    ),
    FamilyFit(
        "hybrid",
        (
            Condition(
                "Several value propositions need different business model approaches",
                (
                    Test("business_model.positioning", "==", "hybrid"),
                    Test("monetization", "streams>=", 3),
                ),
            ),
            Condition(
                "Research or specialist expertise is the competitive edge",
                (
                    Test("advantages.technology_differentiation.innovation_depth", ">=", 7),
                    Test("validation.technology.ip_strategy", ">=", 7),
                ),
            ),
            Condition(
                "Enterprise customers need complete solutions and services",
                (
                    Test("monetization.primary_stream", "==", "enterprise"),
                    Test(
                        "business_model.type",
                        "in",
                        ("enterprise_licensing", "custom_development", "data_monetization"),
                    ),
                ),
            ),
        ),
    ),
)

# The strategy chapter's platform-versus-product criteria: the platform indicators. At
# least two support a platform positioning; none or one, a product.
PLATFORM_MIN_INDICATORS = 2
PLATFORM_INDICATORS: tuple[Condition, ...] = (
    Condition(
        "Users can create much of the value",
        (Test("advantages.data_network_effects.user_generated_value", ">=", 7),),
    ),
    Condition(
        "Third-party developers and integrations can be enabled",
        (
            Test("advantages.ecosystem_integration.developer_ecosystem", ">=", 6),
            Test("advantages.ecosystem_integration.platform_integration_depth", ">=", 6),
        ),
    ),
    Condition(
        "The technology improves through collaborative development",
        (
            Test("advantages.data_network_effects.network_effect_strength", ">=", 7),
            Test("advantages.data_network_effects.data_quality_improvement", ">=", 7),
        ),
    ),
)

# Success factors common to every pattern (the success-pattern study).
UNIVERSAL_FACTORS: tuple[Item, ...] = (
    Item(
        "technical_excellence",
        "Technical excellence",
        "Consistent quality, a good developer experience, infrastructure that scales, and steady innovation.",
    ),
    Item(
        "market_positioning",
        "Market positioning",
        "A clear value proposition, a focused target market, real differentiation, and a credible brand.",
    ),
    Item(
        "business_model_optimisation",
        "Business model optimisation",
        "Pricing aligned with value, positive unit economics, satisfied customers who stay, and operations that scale.",
    ),
)

# The metrics to track for each business model: the business-model study's key metrics,
# and for the models it gives none, the metrics its challenges point to (KPI ids).
MODEL_KPIS: dict[str, tuple[str, ...]] = {
    "api_access": (
        "api_call_volume",
        "gross_margin",
        "inference_cost_per_request",
        "active_developers",
    ),
    "subscription_saas": (
        "monthly_recurring_revenue",
        "monthly_churn",
        "customer_acquisition_cost",
        "conversion_rate_free_to_paid",
    ),
    "enterprise_licensing": (
        "sales_cycle_days",
        "average_contract_value",
        "revenue_concentration_top_customers",
        "retention_rate",
    ),
    "custom_development": (
        "gross_margin",
        "monthly_recurring_revenue",
        "average_contract_value",
        "time_to_first_value_days",
    ),
    "token_based": ("monthly_active_users", "compliance_items_done", "gross_margin"),
    "marketplace": ("take_rate", "monthly_active_users", "csat"),
    "data_monetization": (
        "proprietary_data_volume",
        "compliance_items_done",
        "retention_rate",
        "average_contract_value",
    ),
    "ad_supported": ("ad_impressions", "monthly_active_users", "arpu", "retention_rate"),
    "infrastructure": ("gross_margin", "inference_cost_per_request", "average_contract_value"),
    "platform_paas": (
        "monthly_active_users",
        "time_to_first_value_days",
        "net_revenue_retention",
        "gross_margin",
    ),
    "generative_saas": (
        "monthly_recurring_revenue",
        "inference_cost_per_request",
        "gross_margin",
        "monthly_churn",
    ),
}

# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    "business_model#absent": Action(
        group="assessment_gaps",
        action=(
            "Record the business model type, the platform or product positioning and the closest "
            "success pattern, with a written reason for each."
        ),
        noun="the business model section",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="pattern_selection",
        why=(
            "No business model was recorded, so the report cannot compare the client with the "
            "eleven business models or the seven success patterns."
        ),
    ),
    "business_model.pattern#mismatch": Action(
        group="pattern_fit",
        action=(
            "Test the chosen success pattern against the selection conditions in a leadership "
            "workshop, and either switch pattern or record why it fits."
        ),
        noun="a workshop that confirms or changes the success pattern",
        owner="ceo",
        horizon=(0, 6),
        kpis=("annual_revenue_growth", "net_revenue_retention"),
        source="pattern_selection",
        why=(
            "The answers meet %(count)s of the three conditions for the chosen pattern's family, "
            "fewer than for another family in the pattern selection framework."
        ),
    ),
    "business_model.positioning#mismatch": Action(
        group="pattern_fit",
        action=(
            "Decide platform or product on the positioning criteria, and if platform, budget "
            "30-40 percent of resources for community and ecosystem."
        ),
        noun="a platform-or-product decision with a matching budget",
        owner="ceo",
        horizon=(0, 6),
        kpis=("active_developers", "monthly_active_users"),
        source="positioning_criteria",
        why=(
            "The answers meet %(count)s of the three platform indicators, which does not match "
            "the recorded positioning."
        ),
    ),
}

MESSAGE_ROOTS = (
    "PATTERN_SELECTION",
    "PLATFORM_INDICATORS",
    "UNIVERSAL_FACTORS",
    "POSITIONINGS",
    "BUSINESS_MODELS",
    "PATTERN_FAMILIES",
    "PATTERNS",
    "ACTIONS",
)
