# load — zh-CN
